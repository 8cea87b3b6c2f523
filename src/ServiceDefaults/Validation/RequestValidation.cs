using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Checks a request record against its attribute rules by reflection, naming faults by JSON path as
/// the generated minimal-API validation does (<c>patient.nhsNumber</c>, <c>goals[1].text</c>). For
/// unit tests of request rules, and for the few endpoints mapped from a shared library, which the
/// generated validation does not reach.
/// </summary>
public static class RequestValidation
{
    public static Dictionary<string, string[]> Errors(object request, TimeProvider? clock = null)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var services = new ClockServices(clock ?? TimeProvider.System);
        Walk(request, "", services, errors, depth: 0);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void Walk(object value, string path, IServiceProvider services, Dictionary<string, List<string>> errors, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        void Add(string key, string? message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message ?? "Not valid.");

        var type = value.GetType();
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).GroupBy(p => p.Name!).ToDictionary(g => g.Key, g => g.First());
        var faultsBefore = errors.Values.Sum(list => list.Count);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var child = property.GetValue(value);
            var key = Join(path, JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            // As the generated validation: the display name from [Display] on the property or its record parameter.
            var display = property.GetCustomAttribute<DisplayAttribute>()?.GetName()
                          ?? (parameters.TryGetValue(property.Name, out var parameter) ? parameter.GetCustomAttribute<DisplayAttribute>()?.GetName() : null)
                          ?? property.Name;
            var context = new ValidationContext(value, services, items: null) { MemberName = property.Name, DisplayName = display };
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (rule.GetValidationResult(child, context) is { } failure)
                {
                    Add(key, failure.ErrorMessage);
                }
            }

            if (child is null || IsLeaf(child.GetType()))
            {
                continue;
            }

            if (child is IEnumerable list and not string)
            {
                var index = 0;
                foreach (var item in list)
                {
                    if (item is not null && !IsLeaf(item.GetType()))
                    {
                        Walk(item, $"{key}[{index}]", services, errors, depth + 1);
                    }

                    index++;
                }
            }
            else
            {
                Walk(child, key, services, errors, depth + 1);
            }
        }

        // A record's own cross-field rules run once its fields, and the records within them, have passed.
        if (errors.Values.Sum(list => list.Count) == faultsBefore && value is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(value, services, items: null)))
            {
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                {
                    Add(member.Length == 0 ? (path.Length == 0 ? "body" : path) : Join(path, JsonNamingPolicy.CamelCase.ConvertName(member)), result.ErrorMessage);
                }
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid) ||
        type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private sealed class ClockServices(TimeProvider clock) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TimeProvider) ? clock : null;
    }
}
