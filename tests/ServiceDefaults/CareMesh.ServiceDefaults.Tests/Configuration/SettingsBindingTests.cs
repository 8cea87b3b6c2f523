using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.ServiceDefaults.Tests.Configuration;

/// <summary>A configured list takes the default's place; what is not configured keeps its default.</summary>
public class SettingsBindingTests
{
    private sealed class Settings
    {
        public string[] Needs { get; set; } = ["housing", "employment"];
        public List<int> Days { get; set; } = [1, 2, 3];
        public string[] Untouched { get; set; } = ["kept"];
        public Dictionary<string, string[]> Codes { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["accepted"] = ["871731000000106"], ["declined"] = ["871711000000103"] };
        public Inner Nested { get; set; } = new();
        public string Name { get; set; } = "default";
    }

    private sealed class Inner
    {
        public string[] Scopes { get; set; } = ["openid", "profile"];
    }

    private static Settings Bound(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Section:{v.Key}", v.Value))).Build();
        var settings = new Settings();
        SettingsBinding.Bind(settings, configuration.GetSection("Section"));
        return settings;
    }

    [Fact]
    public void Configured_arrays_and_lists_replace_the_defaults()
    {
        var settings = Bound(("Needs:0", "hoarding"), ("Days:0", "5"), ("Nested:Scopes:0", "openid"), ("Name", "configured"));

        Assert.Equal(["hoarding"], settings.Needs);
        Assert.Equal([5], settings.Days);
        Assert.Equal(["openid"], settings.Nested.Scopes);
        Assert.Equal(["kept"], settings.Untouched);
        Assert.Equal("configured", settings.Name);
    }

    [Fact]
    public void A_configured_dictionary_entry_replaces_that_entry_and_keeps_the_others_and_the_comparer()
    {
        var settings = Bound(("Codes:accepted:0", "999"), ("Codes:completed:0", "888"));

        Assert.Equal(["999"], settings.Codes["ACCEPTED"]);
        Assert.Equal(["871711000000103"], settings.Codes["declined"]);
        Assert.Equal(["888"], settings.Codes["completed"]);
    }

    [Fact]
    public void Options_read_once_at_start_get_the_configured_list_alone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Section:Needs:0", "hoarding")]).Build();

        var settings = configuration.GetSection("Section").GetSettings<Settings>();

        Assert.Equal(["hoarding"], settings.Needs);
        Assert.Equal(["kept"], settings.Untouched);
    }

    [Fact]
    public void Nothing_configured_leaves_every_default()
    {
        var settings = Bound();

        Assert.Equal(["housing", "employment"], settings.Needs);
        Assert.Equal([1, 2, 3], settings.Days);
        Assert.Equal(2, settings.Codes.Count);
    }
}
