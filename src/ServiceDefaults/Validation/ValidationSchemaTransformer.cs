using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Puts the rules of CareMesh's own validation attributes into the OpenAPI document (the framework
/// already shows [Required], [StringLength], [Range] and [RegularExpression] and its subclasses), so an
/// integrator or a generated client learns from the document exactly what the service enforces.
/// </summary>
internal sealed class ValidationSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is not { } member)
        {
            return Task.CompletedTask;
        }

        foreach (var attribute in member.GetCustomAttributes(inherit: true).OfType<ValidationAttribute>())
        {
            switch (attribute)
            {
                case NhsNumberAttribute:
                    schema.Pattern = NhsNumberAttribute.Pattern;
                    Describe(schema, "An NHS number: 10 digits, the last a modulus-11 check digit.");
                    break;
                case IWireValues values when IsList(schema):
                    schema.Items ??= new OpenApiSchema { Type = JsonSchemaType.String };
                    if (schema.Items is OpenApiSchema item)
                    {
                        item.Enum = [.. values.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                    }

                    break;
                case IWireValues values:
                    schema.Enum = [.. values.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                    break;
                case ItemsAttribute items:
                    schema.MaxItems = items.MaximumCount;
                    break;
                case NotInFutureAttribute:
                    Describe(schema, "Not in the future.");
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsList(OpenApiSchema schema) => schema.Type is { } type && type.HasFlag(JsonSchemaType.Array);

    private static void Describe(OpenApiSchema schema, string rule) =>
        schema.Description = string.IsNullOrEmpty(schema.Description) ? rule : $"{schema.Description} {rule}";
}
