using System.Text.Json;
using CareMesh.Directory.Demand;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Postcodes;
using CareMesh.Directory.Search;
using CareMesh.Directory.Taxonomies;
using CareMesh.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NpgsqlTypes;

namespace CareMesh.Directory.Data;

public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<ServiceAtLocation> ServiceAtLocations => Set<ServiceAtLocation>();
    public DbSet<Taxonomy> Taxonomies => Set<Taxonomy>();
    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();
    public DbSet<ListingChange> ListingChanges => Set<ListingChange>();
    public DbSet<Postcode> Postcodes => Set<Postcode>();
    public DbSet<ServiceDemand> ServiceDemand => Set<ServiceDemand>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();
    public DbSet<SearchPoint> SearchPoints => Set<SearchPoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasDbFunction(typeof(GeoSql).GetMethod(nameof(GeoSql.DistanceMetres))!).HasName("geo_distance_metres");
        modelBuilder.HasDbFunction(typeof(GeoSql).GetMethod(nameof(GeoSql.InsideBox))!).HasName("geo_inside_box");

        modelBuilder.Entity<Organisation>(organisation =>
        {
            organisation.Property(o => o.Name).HasMaxLength(Organisation.MaxNameLength);
            organisation.Property(o => o.Email).HasMaxLength(320);
            organisation.Property(o => o.Website).HasMaxLength(2000);
            organisation.Property(o => o.Identifiers).StoredAsJson();
            organisation.Property(o => o.Version).IsConcurrencyToken();
            organisation.HasIndex(o => o.Name);
        });

        modelBuilder.Entity<Service>(service =>
        {
            service.Property(s => s.Name).HasMaxLength(Service.MaxNameLength);
            service.Property(s => s.Status).HasConversion(EnumText<ServiceStatus>()).HasMaxLength(30);
            service.Property(s => s.Capacity).HasConversion(EnumText<Capacity>()).HasMaxLength(30);
            service.Property(s => s.ReferralRoute).HasConversion(EnumText<ReferralRoute>()).HasMaxLength(30);
            service.Property(s => s.TaxonomyTermIds).HasColumnType("uuid[]");
            service.Property(s => s.Contacts).StoredAsJson();
            service.Property(s => s.Schedules).StoredAsJson();
            service.Property(s => s.CostOptions).StoredAsJson();
            service.Property(s => s.ServiceAreas).StoredAsJson();
            service.Property(s => s.Languages).StoredAsJson();
            service.Property(s => s.Funding).StoredAsJson();
            service.Property(s => s.Version).IsConcurrencyToken();
            service.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            service.HasMany(s => s.ServiceAtLocations).WithOne().HasForeignKey(sal => sal.ServiceId).OnDelete(DeleteBehavior.Cascade);

            // Ranked text search: the name weighs most, then categories and provider, then the description.
            service.Property<NpgsqlTsVector>("SearchVector").HasComputedColumnSql(
                "setweight(to_tsvector('english', name), 'A') || " +
                "setweight(to_tsvector('english', search_keywords), 'B') || " +
                "setweight(to_tsvector('english', coalesce(description, '')), 'C')",
                stored: true);
            service.HasIndex("SearchVector").HasMethod("gin");
            service.HasIndex(s => s.TaxonomyTermIds).HasMethod("gin");
            service.HasIndex(s => s.OrganisationId);
            service.HasIndex(s => s.LastModified);

            // The open feed pages through listed services in id order; this index is that list.
            service.HasIndex(s => s.Id).HasDatabaseName("ix_services_listed")
                .HasFilter("status = 'active' AND is_public AND withdrawn_at IS NULL");
        });

        modelBuilder.Entity<Location>(location =>
        {
            location.Property(l => l.LocationType).HasConversion(EnumText<LocationType>()).HasMaxLength(20);
            location.Property(l => l.Addresses).StoredAsJson();
            location.Property(l => l.Accessibility).StoredAsJson();
            location.Property(l => l.Version).IsConcurrencyToken();
            location.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            location.HasIndex(l => l.OrganisationId);
        });

        modelBuilder.Entity<ServiceAtLocation>(serviceAtLocation =>
        {
            serviceAtLocation.HasOne(sal => sal.Location).WithMany().HasForeignKey(sal => sal.LocationId).OnDelete(DeleteBehavior.Restrict);
            serviceAtLocation.HasIndex(sal => new { sal.ServiceId, sal.LocationId }).IsUnique();
            serviceAtLocation.HasIndex(sal => sal.LocationId);
        });

        modelBuilder.Entity<Taxonomy>();
        modelBuilder.Entity<TaxonomyTerm>(term =>
        {
            term.HasOne<Taxonomy>().WithMany().HasForeignKey(t => t.TaxonomyId).OnDelete(DeleteBehavior.Restrict);
            term.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
            term.HasIndex(t => t.ParentId);
        });

        modelBuilder.Entity<ListingChange>(change =>
        {
            change.HasIndex(c => new { c.ListingType, c.ListingId, c.Version }).IsUnique();
        });

        modelBuilder.Entity<Postcode>(postcode =>
        {
            postcode.HasKey(p => p.Code);
            postcode.Property(p => p.Code).HasMaxLength(8);
        });

        modelBuilder.Entity<ServiceDemand>(demand => demand.HasKey(d => new { d.ServiceId, d.Month }));

        modelBuilder.Entity<SearchPoint>(point =>
        {
            point.HasKey(p => new { p.ServiceId, p.LocationId });
            point.Property(p => p.Capacity).HasMaxLength(30);
            point.HasOne<Service>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
            point.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SearchWord>(word =>
        {
            word.HasKey(w => w.Word);
            word.HasIndex(w => w.Word).HasDatabaseName("ix_search_words_trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        });

        modelBuilder.AddMessagingTables();
    }

    private static ValueConverter<TEnum, string> EnumText<TEnum>() where TEnum : struct, Enum =>
        new(value => WireEnum.Name(value), text => WireEnum.Parse<TEnum>(text));
}

internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a list of a listing's parts as one jsonb value, compared by content.</summary>
    public static PropertyBuilder<IReadOnlyList<T>> StoredAsJson<T>(this PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            new ValueConverter<IReadOnlyList<T>, string>(
                parts => JsonSerializer.Serialize(parts, Options),
                json => JsonSerializer.Deserialize<List<T>>(json, Options) ?? new List<T>()),
            new ValueComparer<IReadOnlyList<T>>(
                (left, right) => JsonSerializer.Serialize(left, Options) == JsonSerializer.Serialize(right, Options),
                parts => JsonSerializer.Serialize(parts, Options).GetHashCode(StringComparison.Ordinal),
                parts => parts.ToList()));
}
