using System.Security.Claims;
using System.Text.Json;
using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;

namespace CareMesh.Directory.Management;

public static class ListingChanges
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Verified = "verified";
    public const string Withdrawn = "withdrawn";
    public const string Imported = "imported";
}

/// <summary>What kind of listing a history entry is about.</summary>
public static class ListingTypes
{
    public const string Organisation = "organisation";
    public const string Service = "service";
    public const string Location = "location";
}

public static class ListingHistory
{
    private static readonly JsonSerializerOptions SnapshotOptions = new(JsonSerializerDefaults.Web);

    /// <summary>A person as the history names them: their name and user id.</summary>
    public static string Who(ClaimsPrincipal user) =>
        user.Identity?.Name is { } name ? $"{name} ({user.UserId()})" : user.UserId() ?? "unknown";

    /// <summary>Adds the listing's new version, as the caller saw it after the change, to its history (saved with the change).</summary>
    public static void Record<TSnapshot>(DirectoryDbContext db, string listingType, Guid listingId, int version, string change,
        ClaimsPrincipal user, DateTimeOffset now, TSnapshot snapshot) =>
        db.ListingChanges.Add(new ListingChange
        {
            ListingType = listingType,
            ListingId = listingId,
            Version = version,
            Change = change,
            ChangedBy = Who(user),
            ChangedByRole = user.Role(),
            ChangedByOrganisation = user.Organisation(),
            ChangedAt = now,
            Snapshot = JsonSerializer.SerializeToDocument(snapshot, SnapshotOptions),
        });
}
