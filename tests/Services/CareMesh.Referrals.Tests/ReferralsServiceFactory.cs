using CareMesh.Testing;

namespace CareMesh.Referrals.Tests;

public sealed class ReferralsServiceFactory() : ServiceFactory<Program>("referralsdb");
