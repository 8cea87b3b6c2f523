using CareMesh.Bench;

var scenarios = new Dictionary<string, Func<BenchArguments, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["messaging"] = MessagingScenario.RunAsync,
    ["gateway"] = GatewayScenario.RunAsync,
    ["directory"] = DirectoryScenario.RunAsync,
    ["meetings"] = MeetingsScenario.RunAsync,
    ["care-plans"] = CarePlansScenario.RunAsync,
    ["referrals"] = ReferralsScenario.RunAsync,
    ["identity"] = IdentityScenario.RunAsync,
    ["workspace"] = WorkspaceScenario.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/CareMesh.Bench -- <{string.Join("|", scenarios.Keys)}> [--name value ...]");
    return 2;
}

await scenario(BenchArguments.Parse(args[1..]));
return 0;
