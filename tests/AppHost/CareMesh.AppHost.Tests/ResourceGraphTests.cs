using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Tests;

public class ResourceGraphTests
{
    private static readonly string[] Services = ["referrals", "careplans", "directory", "meetings"];

    private static readonly ResourceGraph Topology = CareMeshTopology.Build(ProjectCatalog.Embedded, new AppHostOptions());

    private static int StartIndex(string name) => Topology.StartOrder.ToList().FindIndex(definition => definition.Name == name);

    [Fact]
    public void The_gateway_waits_for_the_four_services_and_they_for_the_infrastructure()
    {
        Assert.Equal(Services.Order(), Topology["gateway"].WaitsFor.Order());
        Assert.Equal(Services.Order(), Topology["gateway"].References.Order());
        foreach (var service in Services)
        {
            Assert.Equal(["postgres", "rabbitmq"], Topology[service].WaitsFor);
            Assert.Equal(["postgres", "rabbitmq"], Topology.DependenciesOf(service).Order());
        }

        Assert.Equal([.. Services.Append("postgres").Append("rabbitmq").Order()], Topology.DependenciesOf("gateway").Order());
        Assert.Empty(Topology.DependenciesOf("postgres"));
    }

    [Fact]
    public void Referrals_and_careplans_find_the_directory()
    {
        Assert.Equal(["directory"], Topology["referrals"].References);
        Assert.Equal(["directory"], Topology["careplans"].References);
        Assert.Empty(Topology["directory"].References);
        Assert.Empty(Topology["meetings"].References);
    }

    [Fact]
    public void Everything_starts_after_what_it_waits_for()
    {
        foreach (var definition in Topology.StartOrder)
        {
            Assert.All(definition.WaitsFor, dependency => Assert.True(StartIndex(dependency) < StartIndex(definition.Name)));
        }

        Assert.Equal(7, Topology.StartOrder.Count);
    }

    [Fact]
    public void Stopping_takes_the_gateway_first_then_the_services_then_the_infrastructure()
    {
        var stages = Topology.StopStages.Select(stage => stage.Select(definition => definition.Name).Order().ToArray()).ToArray();

        Assert.Equal([["gateway"], Services.Order().ToArray(), ["postgres", "rabbitmq"]], stages);
    }

    [Fact]
    public void A_reference_to_an_unknown_resource_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceGraph.Build(
        [
            new("referrals", ResourceKind.Project) { References = ["directroy"] },
            new("directory", ResourceKind.Project),
        ]));

        Assert.Contains("directroy", error.Message);
    }

    [Fact]
    public void Waiting_for_an_unknown_resource_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceGraph.Build([new("referrals", ResourceKind.Project) { WaitsFor = ["postgress"] }]));

        Assert.Contains("postgress", error.Message);
    }

    [Fact]
    public void Resources_waiting_for_each_other_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceGraph.Build(
        [
            new("a", ResourceKind.Project) { WaitsFor = ["b"] },
            new("b", ResourceKind.Project) { WaitsFor = ["c"] },
            new("c", ResourceKind.Project) { WaitsFor = ["a"] },
        ]));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Two_resources_with_one_name_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ResourceGraph.Build(
        [
            new("directory", ResourceKind.Project),
            new("directory", ResourceKind.PostgreSQL),
        ]));
    }

    [Fact]
    public void Services_may_find_each_other_both_ways_as_that_needs_no_start_order()
    {
        var graph = ResourceGraph.Build(
        [
            new("a", ResourceKind.Project) { References = ["b"] },
            new("b", ResourceKind.Project) { References = ["a"] },
        ]);

        Assert.Equal(2, graph.StartOrder.Count);
    }
}
