namespace CareMesh.Meetings.Data;

internal sealed class MeetingsDesignTimeDbContextFactory : DesignTimeDbContextFactory<MeetingsDbContext>;
