namespace CareMesh.Directory.Data;

internal sealed class DirectoryDesignTimeDbContextFactory : DesignTimeDbContextFactory<DirectoryDbContext>;
