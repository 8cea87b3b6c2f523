namespace CareMesh.CarePlans.Data;

internal sealed class CarePlansDesignTimeDbContextFactory : DesignTimeDbContextFactory<CarePlansDbContext>;
