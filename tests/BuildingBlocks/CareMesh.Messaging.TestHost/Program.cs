using CareMesh.Messaging.TestHost;
using Microsoft.Extensions.Hosting;

await LedgerHost.Build(args).RunAsync();
