using YamlDotNet.RepresentationModel;

namespace Omg.Modules.Catalog;

/// <summary>
/// The parts of a module's <c>&lt;module&gt;.mod_doc.yaml</c> (SysInspect's mod_doc schema) the catalog shows. Read with
/// YamlDotNet's representation model rather than its object deserializer, which maps by reflection.
/// </summary>
/// <param name="Name">The doc's name.</param>
/// <param name="Version">The doc's version.</param>
/// <param name="Description">The doc's description.</param>
public sealed record ModuleDoc(string Name, string Version, string Description)
{
    /// <summary>What follows a module's path to name its doc.</summary>
    public const string Suffix = ".mod_doc.yaml";

    /// <summary>The doc beside <paramref name="modulePath"/>, or null when there is none or it is not a YAML mapping.</summary>
    public static ModuleDoc? TryLoad(string modulePath)
    {
        string path = modulePath + Suffix;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                yaml.Load(reader);
            }

            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            {
                return null;
            }

            string Text(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) && value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
            return new ModuleDoc(Text("name"), Text("version"), Text("description").Trim());
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException)
        {
            // A bad doc leaves the module listed without one.
            return null;
        }
    }

    /// <summary>Dotted words of letters, digits, <c>_</c> and <c>-</c>, as module names are.</summary>
    public static bool IsModuleName(string name) =>
        name.Length > 0 && name.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));
}
