using CareMesh.Testing;

namespace CareMesh.Directory.Tests;

public sealed class DirectoryServiceFactory() : ServiceFactory<Program>("directorydb");
