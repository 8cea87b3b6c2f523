using CareMesh.Testing;

namespace CareMesh.CarePlans.Tests;

public sealed class CarePlansServiceFactory() : ServiceFactory<Program>("careplansdb");
