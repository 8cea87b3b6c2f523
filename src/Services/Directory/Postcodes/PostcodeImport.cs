using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CareMesh.Directory.Postcodes;

/// <summary>
/// Loads the ONS Postcode Directory (ONSPD) CSV into the postcode table: live postcodes with a
/// location, by their <c>pcds</c>, <c>doterm</c>, <c>lat</c> and <c>long</c> columns wherever those
/// sit in the file's release. Streams the file, so the whole country (about 2.7 million rows) loads
/// in one pass; postcodes that have since been terminated leave the table.
/// </summary>
public static class PostcodeImport
{
    /// <summary>ONSPD's latitude for a postcode it has no grid reference for.</summary>
    private const double NoLocation = 99.999999;

    public sealed record Report(int Imported, int Terminated, int WithoutLocation, int Malformed);

    public static async Task<Report> ImportAsync(NpgsqlConnection connection, TextReader csv, CancellationToken cancellationToken)
    {
        var header = Fields(await csv.ReadLineAsync(cancellationToken) ?? throw new InvalidDataException("The file is empty."));
        var postcode = Column(header, "pcds", "pcd");
        var terminated = Column(header, "doterm");
        var latitude = Column(header, "lat");
        var longitude = Column(header, "long");

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE onspd (code text, latitude float8, longitude float8, live boolean) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        int imported = 0, ended = 0, unlocated = 0, malformed = 0;
        await using (var writer = await connection.BeginBinaryImportAsync("COPY onspd (code, latitude, longitude, live) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (await csv.ReadLineAsync(cancellationToken) is { } line)
            {
                var fields = Fields(line);
                if (fields.Count != header.Count || !PostcodeLookup.LooksLikePostcode(fields[postcode]) ||
                    !double.TryParse(fields[latitude], CultureInfo.InvariantCulture, out var lat) ||
                    !double.TryParse(fields[longitude], CultureInfo.InvariantCulture, out var lon))
                {
                    malformed++;
                    continue;
                }

                var live = string.IsNullOrWhiteSpace(fields[terminated]);
                var located = Math.Abs(lat - NoLocation) > 0.0001;
                ended += live ? 0 : 1;
                unlocated += live && !located ? 1 : 0;
                imported += live && located ? 1 : 0;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(PostcodeLookup.Normalise(fields[postcode]), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(lat, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(lon, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(live && located, NpgsqlDbType.Boolean, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var merge = new NpgsqlCommand("""
            DELETE FROM postcodes p USING onspd o WHERE p.code = o.code AND NOT o.live;
            INSERT INTO postcodes (code, latitude, longitude)
            SELECT DISTINCT ON (code) code, latitude, longitude FROM onspd WHERE live
            ON CONFLICT (code) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude;
            """, connection, transaction))
        {
            merge.CommandTimeout = 0;
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Report(imported, ended, unlocated, malformed);
    }

    /// <summary>One CSV line's fields; ONSPD quotes every text field and never puts a comma or quote inside one.</summary>
    private static List<string> Fields(string line) => [.. line.Split(',').Select(field => field.Trim().Trim('"'))];

    private static int Column(List<string> header, params string[] names) =>
        names.Select(name => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(i => i >= 0, -1) is var index and >= 0
            ? index
            : throw new InvalidDataException($"The file has no {string.Join(" or ", names)} column: is it the ONS Postcode Directory CSV?");
}
