using CareMesh.Testing;

namespace CareMesh.Meetings.Tests;

public sealed class MeetingsServiceFactory() : ServiceFactory<Program>("meetingsdb");
