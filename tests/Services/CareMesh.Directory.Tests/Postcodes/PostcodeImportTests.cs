using CareMesh.Directory.Data;
using CareMesh.Directory.Postcodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareMesh.Directory.Tests.Postcodes;

/// <summary>Loading the ONS Postcode Directory: live located postcodes in, terminated ones out, again and again.</summary>
public class PostcodeImportTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Postcodes", "onspd-sample.csv");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_sample_loads_its_live_postcodes_with_their_centroids()
    {
        var report = await ImportAsync(File.ReadAllText(Sample));

        Assert.Equal(new PostcodeImport.Report(Imported: 31, Terminated: 1, WithoutLocation: 1, Malformed: 0), report);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var civicHall = await PostcodeLookup.FindAsync(db, "ls1 1ur", CancellationToken.None);
        Assert.Equal((53.8014, -1.5494), (civicHall!.Value.Latitude, civicHall.Value.Longitude));
        Assert.Null(await PostcodeLookup.FindAsync(db, "LS1 9ZZ", CancellationToken.None));
        Assert.Null(await PostcodeLookup.FindAsync(db, "LS98 1AA", CancellationToken.None));
    }

    [Fact]
    public async Task A_later_release_updates_moves_and_removes_postcodes_without_duplicating_them()
    {
        await ImportAsync(File.ReadAllText(Sample));
        var lines = File.ReadAllLines(Sample).ToList();
        // In the next release LS1 1UR's centroid has moved and LS2 9JT has been terminated.
        lines = [.. lines.Select(line => line.StartsWith("\"LS1 1UR\"", StringComparison.Ordinal) ? line.Replace("53.801400", "53.801500") : line)
            .Select(line => line.StartsWith("\"LS2 9JT\"", StringComparison.Ordinal) ? line.Replace("\"198001\",\"\"", "\"198001\",\"202611\"") : line)];

        var report = await ImportAsync(string.Join("\n", lines));

        Assert.Equal(30, report.Imported);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        Assert.Equal(30, await db.Postcodes.CountAsync());
        Assert.Equal(53.8015, (await PostcodeLookup.FindAsync(db, "LS1 1UR", CancellationToken.None))!.Value.Latitude);
        Assert.Null(await PostcodeLookup.FindAsync(db, "LS2 9JT", CancellationToken.None));
    }

    [Fact]
    public async Task Unreadable_lines_are_counted_and_skipped_and_a_file_of_another_kind_is_refused()
    {
        var lines = File.ReadAllLines(Sample).Take(3).Append("\"NOT A POSTCODE\",\"x\"").Append("\"LS1 1AA\",\"LS1  1AA\",\"LS1 1AA\",\"198001\",\"\",\"E99999999\",\"\",\"E08000035\",\"\",\"\",0,\"\",\"\",1,\"\",\"E40000012\",\"E92000001\",\"E12000003\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"E38000225\",\"\",\"\",\"\",north,-1.549400,\"\",\"\",\"E23000010\",10000,\"\",\"E54000054\",\"\",\"\",\"\",\"\",\"\"");

        var report = await ImportAsync(string.Join("\n", lines));

        Assert.Equal((2, 2), (report.Imported, report.Malformed));
        await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync("name,address\n\"Civic Hall\",\"Leeds\""));
    }

    private async Task<PostcodeImport.Report> ImportAsync(string csv)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        return await PostcodeImport.ImportAsync(connection, new StringReader(csv), CancellationToken.None);
    }
}
