using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Forgetless.Data;

/// <summary>The store. Create one per operation through <c>IDbContextFactory&lt;AppDbContext&gt;</c>.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<Run> Runs => Set<Run>();

    public DbSet<ExperimentSeed> ExperimentSeeds => Set<ExperimentSeed>();

    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Model> Models => Set<Model>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Worker> Workers => Set<Worker>();

    public DbSet<RunStretch> RunStretches => Set<RunStretch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Readable enums in the file ("Running", not 1): the queue's SQL and ad-hoc sqlite3 sessions rely on it.
        configurationBuilder.Properties<RunStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RunRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DatasetKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ModelKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(16);
        if (Database.IsNpgsql())
        {
            // The app stores UTC everywhere; PostgreSQL's timestamptz refuses a DateTime whose Kind is not Utc.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }
}
