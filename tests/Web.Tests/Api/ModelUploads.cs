using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forgetless.Web.Tests.E2E;

namespace Forgetless.Web.Tests.Api;

/// <summary>Model upload requests (multipart with the antiforgery token, raw zips) and the shared stories260K files.</summary>
public static class ModelUploads
{
    public static string Stories260KModel => SharedData.File("models/stories260K/stories260K.bin");

    public static string Stories260KTokenizer => SharedData.File("models/stories260K/tok512.bin");

    public static async Task<HttpResponseMessage> PostLlama2cAsync(HttpClient client, byte[] model, byte[] tokenizer, string modelName = "stories260K.bin")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(model), "model", modelName }, { new ByteArrayContent(tokenizer), "tokenizer", "tok512.bin" } };
        return await SendWithTokenAsync(client, "/api/models/llama2c", form);
    }

    public static async Task<HttpResponseMessage> PostZipAsync(HttpClient client, byte[] zip, string? name = null)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await client.PostAsync("/api/models/huggingface" + (name is null ? "" : "?name=" + Uri.EscapeDataString(name)), content);
    }

    public static async Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, string url, HttpContent content)
    {
        var antiforgery = await client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    /// <summary>A zip of (entry name, bytes); a null entry content makes a symbolic link entry.</summary>
    public static byte[] Zip(params (string Name, byte[]? Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name);
                if (content is null) entry.ExternalAttributes = unchecked((int)0xA1FF0000); // S_IFLNK | 0777
                using var stream = entry.Open();
                stream.Write(content ?? "/etc/passwd"u8.ToArray());
            }
        }

        return memory.ToArray();
    }

    /// <summary>Every file of a folder, zipped under <paramref name="prefix"/>.</summary>
    public static byte[] ZipFolder(string folder, string prefix = "") =>
        Zip([.. Directory.GetFiles(folder).Select(f => (prefix + Path.GetFileName(f), (byte[]?)File.ReadAllBytes(f)))]);
}
