using CareMesh.Directory.Organisations;
using CareMesh.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Data;

public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organisation>(organisation =>
        {
            organisation.HasKey(o => o.Id);
            organisation.Property(o => o.Name).HasMaxLength(300);
            organisation.Property(o => o.Email).HasMaxLength(320);
            organisation.Property(o => o.Website).HasMaxLength(2000);
        });

        modelBuilder.AddMessagingTables();
    }
}
