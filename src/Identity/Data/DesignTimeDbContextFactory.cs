namespace CareMesh.Identity.Data;

internal sealed class IdentityDesignTimeDbContextFactory : DesignTimeDbContextFactory<IdentityDbContext>;
