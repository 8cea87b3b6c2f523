using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes the validation attributes of request records into the OpenAPI document, so an integrator
/// or a generated client learns from it exactly what the service enforces, from the same attributes
/// the validation runs: lengths, patterns, formats and allowed values of text, the most items of a
/// list, and, of a request body, which properties must be there.
/// </summary>
/// <remarks>
/// Text is read by <see cref="SafeTextJsonConverter"/>, a custom converter, for which the framework
/// writes an empty schema and often drops the attributes: so every string property's schema is put
/// together here. A property is required when the validation refuses the request without it:
/// <c>[Required]</c>, or a C# <c>required</c> member, which deserialisation enforces. A constructor
/// parameter without a default is not, though the framework marks it so: the serializer gives it its
/// default. Answers keep the framework's list, as every property of an answer is written. (A required
/// record property still reads "it or null": the framework wraps it after the transformers run.)
/// </remarks>
internal sealed class ValidationSchemaTransformer : IOpenApiSchemaTransformer
{
    private IReadOnlySet<Type>? requestTypes;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { AttributeProvider: MemberInfo member } property)
        {
            Describe(schema, property, member);
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && RequestTypes(context.ApplicationServices).Contains(context.JsonTypeInfo.Type))
        {
            var required = context.JsonTypeInfo.Properties
                .Where(p => p.IsRequired || p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
                .Select(p => p.Name)
                .ToHashSet(StringComparer.Ordinal);
            schema.Required = required.Count == 0 ? null : required;
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema schema, JsonPropertyInfo property, MemberInfo member)
    {
        var rules = member.GetCustomAttributes(inherit: true).OfType<ValidationAttribute>().ToList();
        var required = rules.Any(r => r is RequiredAttribute);
        var nullable = !required && IsNullable(member);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var itemType = ItemType(type);

        if (type == typeof(string))
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            if (string.IsNullOrEmpty(schema.Description) && member.GetCustomAttribute<DescriptionAttribute>() is { } description)
            {
                schema.Description = description.Description;
            }
        }
        else if (required && schema.Type is { } flags && flags.HasFlag(JsonSchemaType.Null))
        {
            // [Required] refuses null: the schema shows the value alone.
            schema.Type = flags & ~JsonSchemaType.Null;
        }

        OpenApiSchema? items = null;
        if (itemType == typeof(string))
        {
            // A list of text has no item schema from the framework either; the item rules never allow null.
            items = schema.Items as OpenApiSchema ?? new OpenApiSchema();
            items.Type = JsonSchemaType.String;
            schema.Items = items;
        }

        var text = type == typeof(string) ? schema : items;
        foreach (var rule in rules)
        {
            if (rule is IFormatted formatted && text is not null)
            {
                text.Format = formatted.Format;
                text.MaxLength = formatted.MaxLength;
            }

            switch (rule)
            {
                case NhsNumberAttribute:
                    schema.Pattern = NhsNumberAttribute.Pattern;
                    AddRule(schema, "An NHS number: 10 digits, the last a modulus-11 check digit.");
                    break;
                case RegularExpressionAttribute regex when text is not null:
                    text.Pattern = regex.Pattern;
                    break;
                case StringLengthAttribute length when text is not null:
                    text.MaxLength = length.MaximumLength;
                    text.MinLength = length.MinimumLength > 0 ? length.MinimumLength : null;
                    break;
                case LengthAttribute length when itemType is not null:
                    (schema.MinItems, schema.MaxItems) = (length.MinimumLength, length.MaximumLength);
                    break;
                case LengthAttribute length when text is not null:
                    (text.MinLength, text.MaxLength) = (length.MinimumLength, length.MaximumLength);
                    break;
                case MaxLengthAttribute length when itemType is not null:
                    schema.MaxItems = length.Length;
                    break;
                case MaxLengthAttribute length when text is not null:
                    text.MaxLength = length.Length;
                    break;
                case MinLengthAttribute length when itemType is not null:
                    schema.MinItems = length.Length;
                    break;
                case MinLengthAttribute length when text is not null:
                    text.MinLength = length.Length;
                    break;
                case EmailAddressAttribute when text is not null:
                    text.Format = "email";
                    break;
                case UrlAttribute when text is not null:
                    text.Format = "uri";
                    break;
                case AllowedValuesAttribute allowed:
                    Enumerate(items ?? schema, allowed.Values.Select(v => v?.ToString()), nullable && items is null);
                    break;
                case IWireValues values:
                    Enumerate(items ?? schema, values.Values, nullable && items is null);
                    break;
                case ItemsAttribute list:
                    schema.MaxItems = list.MaximumCount;
                    if (list.MaximumLength > 0 && items is not null)
                    {
                        items.MaxLength = list.MaximumLength;
                    }

                    break;
                case NotInFutureAttribute:
                    AddRule(schema, "Not in the future.");
                    break;
            }
        }
    }

    /// <summary>The allowed values; with null among them where the property may be left null, since an enum binds null too.</summary>
    private static void Enumerate(OpenApiSchema schema, IEnumerable<string?> values, bool nullable)
    {
        schema.Type ??= JsonSchemaType.String;
        schema.Enum = [.. values.Where(v => v is not null).Select(v => (JsonNode)JsonValue.Create(v!)), .. nullable ? new JsonNode[] { null! } : []];
    }

    private static bool IsNullable(MemberInfo member)
    {
        var context = new NullabilityInfoContext();
        var state = member switch
        {
            PropertyInfo property => context.Create(property).ReadState,
            FieldInfo field => context.Create(field).ReadState,
            _ => NullabilityState.Unknown,
        };
        return state != NullabilityState.NotNull;
    }

    /// <summary>What a list holds; null for anything else, a dictionary included.</summary>
    private static Type? ItemType(Type type) =>
        type == typeof(string) || typeof(IDictionary).IsAssignableFrom(type) || IsGeneric(type, typeof(IReadOnlyDictionary<,>)) || IsGeneric(type, typeof(IDictionary<,>)) ? null
        : type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[^1]
        : null;

    private static bool IsGeneric(Type type, Type definition) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == definition) ||
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    /// <summary>The types that request bodies are made of: the body parameters of every endpoint, and every type they hold.</summary>
    private IReadOnlySet<Type> RequestTypes(IServiceProvider services)
    {
        if (requestTypes is not null)
        {
            return requestTypes;
        }

        var found = new HashSet<Type>();
        var descriptions = services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items);
        var pending = new Stack<Type>(descriptions.SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Body).Select(p => p.Type));
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (ItemType(type) is { } item)
            {
                pending.Push(item);
            }
            else if (!type.IsPrimitive && !type.IsEnum && type != typeof(string) && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true && found.Add(type))
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }
            }
        }

        return requestTypes = found;
    }

    private static void AddRule(OpenApiSchema schema, string rule) =>
        schema.Description = string.IsNullOrEmpty(schema.Description) ? rule : $"{schema.Description} {rule}";
}
