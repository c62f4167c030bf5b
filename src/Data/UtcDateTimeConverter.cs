using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Forgetless.Data;

/// <summary>Marks every DateTime as UTC on its way to and from PostgreSQL (the app never stores local times).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
