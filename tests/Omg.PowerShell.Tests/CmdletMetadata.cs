using System.Reflection;
using Omg.PowerShell;

namespace Omg.PowerShell.Tests;

/// <summary>
/// The module's cmdlets as their metadata declares them, read with CustomAttributeData so that no
/// engine code runs: the standard library's System.Management.Automation only carries the shapes.
/// </summary>
internal static class CmdletMetadata
{
    public const string AllParameterSets = "__AllParameterSets";

    public static Assembly Module => typeof(OmgCmdlet).Assembly;

    public static IReadOnlyList<Type> CmdletTypes { get; } =
        Module.GetTypes().Where(t => Attribute(t, "CmdletAttribute") is not null).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.Name == name);

    public static string CmdletName(Type type)
    {
        CustomAttributeData cmdlet = Attribute(type, "CmdletAttribute")!;
        return $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
    }

    public static string Verb(Type type) => (string)Attribute(type, "CmdletAttribute")!.ConstructorArguments[0].Value!;

    public static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    public static IReadOnlyList<Type> OutputTypes(Type type) =>
        Attributes(type, "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => (Type)m.Value!) : [(Type)arg.Value!])
            .ToArray();

    /// <summary>The cmdlet's parameters (inherited -Socket included) with their Parameter attributes.</summary>
    public static IReadOnlyList<(PropertyInfo Property, IReadOnlyList<CustomAttributeData> Parameters)> Parameters(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, (IReadOnlyList<CustomAttributeData>)Attributes(p, "ParameterAttribute").ToArray()))
            .Where(x => x.Item2.Count > 0)
            .ToArray();
}
