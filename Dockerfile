# Forgetless: the web app with its training service.
#   docker build -t forgetless .                                  # CPU (default)
#   docker build -t forgetless-cuda --build-arg TORCH_BACKEND=cuda .   # TorchSharp-cuda-linux instead of libtorch-cpu
# .NET 10 images are Ubuntu 24.04 (noble): its libstdc++ has the GLIBCXX_3.4.32 TorchSharp 0.107 needs.
ARG TORCH_BACKEND=cpu

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TORCH_BACKEND
WORKDIR /src
# Restore layer: only what restore reads, so code edits do not re-download packages (libtorch is ~0.5-2 GB).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Web/Web.csproj src/Web/
COPY src/Data/Data.csproj src/Data/
COPY src/Training/Training.csproj src/Training/
RUN dotnet restore src/Web/Web.csproj -r linux-x64 -p:TorchBackend=${TORCH_BACKEND}
COPY src/ src/
RUN dotnet publish src/Web/Web.csproj -c Release -r linux-x64 --self-contained false --no-restore \
      -p:TorchBackend=${TORCH_BACKEND} -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS final
WORKDIR /app
# The data directory (SQLite database, dataset files, checkpoints, keys, admin password) lives on a volume,
# owned by the images' non-root "app" user.
RUN mkdir -p /data && chown app:app /data
VOLUME /data
COPY --from=build /app .
USER app
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 OMP_NUM_THREADS=2
# glibc's malloc keeps its defaults; for big models, MALLOC_MMAP_THRESHOLD_=131072 trades CPU time for peak memory
# (docs/benchmarks.md, "glibc malloc settings").
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["dotnet", "Forgetless.Web.dll", "healthcheck", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "Forgetless.Web.dll", "serve"]
CMD ["--urls", "http://0.0.0.0:8080", "--data-dir", "/data"]
