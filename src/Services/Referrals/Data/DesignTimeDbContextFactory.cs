namespace CareMesh.Referrals.Data;

internal sealed class ReferralsDesignTimeDbContextFactory : DesignTimeDbContextFactory<ReferralsDbContext>;
