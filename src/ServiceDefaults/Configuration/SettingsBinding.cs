using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Binds options to a configuration section so that a configured list replaces the default list instead of
/// being added to it. The configuration binder appends to a collection that already holds items, so without
/// this a PCN could never drop a default need or decline reason, and a deployment allowing only ES256 tokens
/// would still allow RS256.
/// </summary>
public static class SettingsBinding
{
    public static OptionsBuilder<TOptions> BindSettings<TOptions>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class =>
        builder.Configure<IConfiguration>((options, configuration) => Bind(options, configuration.GetSection(section)));

    /// <summary>The options <paramref name="section"/> configures over their defaults, for what is read once at start (token validation, the gateway's address).</summary>
    public static TOptions GetSettings<TOptions>(this IConfigurationSection section)
        where TOptions : new()
    {
        var options = new TOptions();
        Bind(options, section);
        return options;
    }

    /// <summary>Binds <paramref name="section"/> onto <paramref name="target"/>, each configured list (arrays, lists, a dictionary's entries) taking the default's place.</summary>
    public static void Bind(object target, IConfigurationSection section)
    {
        section.Bind(target);
        ReplaceConfiguredLists(target, section);
    }

    private static void ReplaceConfiguredLists(object target, IConfigurationSection section)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var configured = section.GetSection(property.Name);
            var type = property.PropertyType;
            if (type == typeof(string) || property.GetIndexParameters().Length > 0 || !configured.GetChildren().Any())
            {
                continue;
            }

            if (property.CanWrite && (type.IsArray || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)))
            {
                property.SetValue(target, configured.Get(type));
            }
            else if (property.GetValue(target) is IDictionary entries)
            {
                // Entry by entry, so the dictionary keeps its comparer and the entries not configured.
                foreach (DictionaryEntry entry in (IDictionary)configured.Get(type)!)
                {
                    entries[entry.Key] = entry.Value;
                }
            }
            else if (type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type) && property.GetValue(target) is { } nested)
            {
                ReplaceConfiguredLists(nested, configured);
            }
        }
    }
}
