using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Microsoft.Extensions.Hosting;

public static class JsonbColumns
{
    /// <summary>
    /// Keeps a value as one jsonb column, read and written whole with its row and never queried into,
    /// serialised with the service's <paramref name="options"/>. Compared by its JSON, so a change
    /// inside the value (a new item in a list, a field of a record) is saved.
    /// </summary>
    public static PropertyBuilder<T> StoredAsJsonb<T>(this PropertyBuilder<T> property, JsonSerializerOptions options) =>
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, options),
            json => JsonSerializer.Deserialize<T>(json, options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, options) == JsonSerializer.Serialize(b, options),
                value => JsonSerializer.Serialize(value, options).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, options), options)!));
}
