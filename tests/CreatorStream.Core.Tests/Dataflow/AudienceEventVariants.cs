using System.Reflection;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// Audience events for the tests of a form an event is written in (a snapshot's, the brand topic's packed one): each
/// built event, then a copy of it with each public property set to a value unlike the built one, one at a time, and a
/// copy with all of them set. A property the form forgot comes back as it was built, and record equality sees it.
/// </summary>
internal static class AudienceEventVariants
{
    /// <summary>The variants of <paramref name="built"/>, over the settable public properties that <paramref name="include"/> takes (all by default).</summary>
    public static List<AudienceEvent> Of(IEnumerable<AudienceEvent> built, Func<PropertyInfo, bool>? include = null)
    {
        var cases = new List<AudienceEvent>();
        foreach (var e in built)
        {
            var properties = e.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && (include?.Invoke(p) ?? true)).ToList();
            Assert.True(properties.Count >= 12, $"{e.GetType().Name} has {properties.Count} settable properties");
            cases.Add(e);
            var all = Clone(e);
            foreach (var property in properties)
            {
                var one = Clone(e);
                property.SetValue(one, Unlike(property, property.GetValue(e)));
                property.SetValue(all, Unlike(property, property.GetValue(e)));
                cases.Add(one);
            }

            cases.Add(all);
        }

        return cases;
    }

    private static AudienceEvent Clone(AudienceEvent e) => e switch
    {
        Impression i => i with { },
        Engagement g => g with { },
        Click c => c with { },
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static object Unlike(PropertyInfo property, object? value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string))
        {
            return $"{value}-{property.Name}-é✓";
        }

        if (type == typeof(long))
        {
            return (value as long? ?? 7) + 1_000_003;
        }

        if (type == typeof(ulong))
        {
            return (value as ulong? ?? 7) + 1_000_033;
        }

        if (type == typeof(int))
        {
            return (value as int? ?? 7) + 1_009;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!.Equals(value) ? values.GetValue(0)! : values.GetValue(values.Length - 1)!;
        }

        throw new InvalidOperationException($"no other value made for {property.Name} ({property.PropertyType.Name}): teach the test, and the form it tests");
    }
}
