using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Validation;

public class TextPolicyTests
{
    [Theory]
    [InlineData("Ada\u0000", "control")]
    [InlineData("\u001b[31mAda", "control")]
    [InlineData("Ada\u0007", "control")]
    [InlineData("Ada\u007f", "control")]
    [InlineData("Ada\u0085", "control")]
    [InlineData("\u202eadA", "bidirectional")]
    [InlineData("A\u202ada", "bidirectional")]
    [InlineData("Ada\u2066", "bidirectional")]
    [InlineData("Ada\u2069", "bidirectional")]
    public void Control_and_bidi_characters_are_refused(string text, string said)
    {
        Assert.Contains(said, TextPolicy.Refusal(text));
    }

    [Fact]
    public void Broken_surrogates_are_refused()
    {
        // Built in code: attribute strings cannot carry an unpaired surrogate.
        Assert.Contains("surrogate", TextPolicy.Refusal("Ada" + (char)0xD800));
        Assert.Contains("surrogate", TextPolicy.Refusal((char)0xDC00 + "Ada"));
        Assert.Contains("surrogate", TextPolicy.Refusal("A" + (char)0xDC00 + (char)0xD800 + "a"));
    }

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("Notes:\n\tline two\r\n")]
    [InlineData("Zoë 👩‍👩‍👧")]
    [InlineData("محمد")]
    [InlineData("")]
    public void Ordinary_text_passes(string text)
    {
        Assert.Null(TextPolicy.Refusal(text));
    }

    [Theory]
    [InlineData("  Ada  ", "Ada")]
    [InlineData("\u200b\u200bAda\ufeff", "Ada")]
    [InlineData("\u200b \u2060\u00ad", "")]
    [InlineData("Ame\u0301lie", "Am\u00e9lie")]
    [InlineData("Zoë 👩‍👩‍👧", "Zoë 👩‍👩‍👧")]
    [InlineData("a\u200bb", "a\u200bb")]
    public void Text_is_normalised_to_nfc_and_trimmed_of_blank_and_invisible_ends(string text, string expected)
    {
        Assert.Equal(expected, TextPolicy.Normalise(text));
    }

    [Fact]
    public void The_json_converter_applies_the_policy_to_every_string_and_names_the_path()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new SafeTextJsonConverter() } };

        var read = JsonSerializer.Deserialize<Sample>("""{"name":" Ada\u200b ","tags":["x "]}""", options)!;
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("""{"name":"ok","tags":["a","b\u0000"]}""", options));

        Assert.Equal("Ada", read.Name);
        Assert.Equal(["x"], read.Tags);
        Assert.Equal("$.tags[1]", refused.Path);
        Assert.Equal("tags[1]", ProblemFields.FromJsonPath(refused.Path));
    }

    private sealed record Sample(string Name, List<string> Tags);
}
