using System.Text.RegularExpressions;
using System.Xml.Linq;
using Omg.PowerShell.Tests.Support;

namespace Omg.PowerShell.Tests;

public sealed partial class ModuleMetadataTests
{
    // Get-Verb in PowerShell 7.4: the approved verbs.
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open",
        "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip",
        "Split", "Step", "Switch", "Undo", "Unlock", "Watch", "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand",
        "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
        "Unpublish", "Update", "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace", "Approve", "Assert", "Build",
        "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke", "Register", "Request", "Restart",
        "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait", "Block", "Grant", "Protect",
        "Revoke", "Unblock", "Unprotect", "Use",
    };

    // Verbs that change the machine or a service: these must honour -WhatIf and -Confirm.
    private static readonly HashSet<string> MutatingVerbs = new(StringComparer.Ordinal)
    {
        "Start", "Stop", "Restart", "Set", "New", "Remove", "Update", "Install", "Uninstall", "Clear", "Reset", "Register", "Unregister",
    };

    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    [Fact]
    public void Manifest_exports_exactly_the_cmdlet_classes()
    {
        string manifest = File.ReadAllText(RepositoryPaths.Manifest);
        Match block = CmdletsToExport().Match(manifest);
        Assert.True(block.Success, "CmdletsToExport not found in Omg.psd1");
        string[] exported = Quoted().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

        string[] cmdlets = CmdletMetadata.CmdletTypes.Select(CmdletMetadata.CmdletName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(cmdlets, exported);

        // Every cmdlet is one of DESIGN.md section 6's surface; the issues add them one by one.
        string[] designed =
        [
            "Find-OmgPackage", "Get-OmgPackage", "Get-OmgStatus", "Invoke-OmgAudit", "Invoke-OmgModule", "Get-OmgModule",
            "Get-OmgRuntime", "Get-OmgSuggestion", "Update-OmgAdvisory", "Start-OmgDaemon", "Stop-OmgDaemon", "Get-OmgDaemon",
        ];
        Assert.All(cmdlets, cmdlet => Assert.Contains(cmdlet, designed));
        Assert.True(cmdlets.Length >= 10, $"{cmdlets.Length} cmdlets");
    }

    [Fact]
    public void Manifest_declares_the_required_keys()
    {
        string manifest = File.ReadAllText(RepositoryPaths.Manifest);
        foreach (string key in new[] { "RootModule", "ModuleVersion", "GUID", "Author", "Description", "CompatiblePSEditions", "PowerShellVersion", "FormatsToProcess", "TypesToProcess", "Tags", "ProjectUri", "LicenseUri", "ReleaseNotes" })
        {
            Assert.Matches(new Regex($@"(?m)^\s*{key}\s*="), manifest);
        }

        Assert.Contains("ModuleVersion        = '0.1.0'", manifest, StringComparison.Ordinal);
        Assert.Contains("CompatiblePSEditions = @('Core')", manifest, StringComparison.Ordinal);
        Assert.Contains("PowerShellVersion    = '7.4'", manifest, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "Omg.psm1")), "the root module Omg.psm1 is missing");
    }

    [Fact]
    public void The_loader_looks_where_the_build_puts_the_module()
    {
        string loader = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Omg.psm1"));
        string project = File.ReadAllText(Path.Combine(RepositoryPaths.ModuleProject, "Omg.PowerShell.csproj"));
        string framework = Regex.Match(project, "<TargetFramework>([^<]+)</TargetFramework>").Groups[1].Value;

        Assert.Contains($"'src/Omg.PowerShell/bin/Release/{framework}/Omg.PowerShell.dll'", loader, StringComparison.Ordinal);
        Assert.Contains($"'src/Omg.PowerShell/bin/Debug/{framework}/Omg.PowerShell.dll'", loader, StringComparison.Ordinal);
        Assert.Equal(framework, Path.GetFileName(RepositoryPaths.ModuleOutput));
        Assert.Contains("[IO.Path]::Combine($PSScriptRoot, 'Omg.PowerShell.dll')", loader, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_verb_is_approved()
    {
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            Assert.True(ApprovedVerbs.Contains(CmdletMetadata.Verb(type)), $"{CmdletMetadata.CmdletName(type)} uses an unapproved verb");
        }
    }

    [Fact]
    public void Cmdlet_classes_are_named_after_the_cmdlet_and_live_in_a_file_of_that_name()
    {
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            string name = CmdletMetadata.CmdletName(type).Replace("-", string.Empty, StringComparison.Ordinal);
            Assert.Equal(name + "Command", type.Name);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.ModuleProject, "Cmdlets", name + ".cs")), $"Cmdlets/{name}.cs is missing");
            Assert.True(type.IsSealed, $"{type.Name} should be sealed");
            Assert.True(type.IsSubclassOf(typeof(OmgCmdlet)), $"{type.Name} should derive from OmgCmdlet");
        }
    }

    [Fact]
    public void Every_cmdlet_declares_an_output_type_that_has_a_table_view()
    {
        XDocument format = XDocument.Load(RepositoryPaths.FormatFile);
        var tableViews = format.Descendants("View")
            .Where(v => v.Element("TableControl") is not null)
            .SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value))
            .ToHashSet(StringComparer.Ordinal);
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            IReadOnlyList<Type> outputs = CmdletMetadata.OutputTypes(type);
            Assert.NotEmpty(outputs);
            // Plain names (Get-OmgSuggestion's default) need no view of their own.
            foreach (Type output in outputs.Where(o => o != typeof(string)))
            {
                Assert.True(tableViews.Contains(output.FullName!), $"{CmdletMetadata.CmdletName(type)} outputs {output.FullName}, which has no table view");
                Assert.Equal("Omg", output.Namespace);
                Assert.True(output.IsSealed, $"{output.FullName} should be sealed");
            }
        }
    }

    [Fact]
    public void Every_output_type_says_what_it_is_in_its_ToString()
    {
        // "$x", -join and Write-Host use ToString(); the default would print the type name.
        foreach (Type output in CmdletMetadata.CmdletTypes.SelectMany(CmdletMetadata.OutputTypes).Distinct().Where(o => o != typeof(string)))
        {
            Assert.True(output.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType == output, $"{output.FullName} does not override ToString()");
        }
    }

    [Fact]
    public void Output_types_have_only_plain_properties()
    {
        // Lists of strings are TextLists, never string[]: Export-Csv writes a property's ToString(), and a string[]'s
        // is "System.String[]".
        Type[] plain = [typeof(string), typeof(bool), typeof(int), typeof(int?), typeof(long), typeof(long?), typeof(double?), typeof(TextList)];
        foreach (Type output in CmdletMetadata.CmdletTypes.SelectMany(CmdletMetadata.OutputTypes).Distinct().Where(o => o != typeof(string)))
        {
            foreach (var property in output.GetProperties())
            {
                // A module's data is whatever the module returned, already turned into PowerShell objects; a call's
                // duration is a TimeSpan, which PowerShell sorts, compares and serializes as it is.
                bool ok = plain.Contains(property.PropertyType)
                    || (property.PropertyType.IsArray && property.PropertyType.GetElementType()!.Namespace == "Omg")
                    || (output == typeof(ModuleResult) && ((property.Name == nameof(ModuleResult.Data) && property.PropertyType == typeof(object)) || property.PropertyType == typeof(TimeSpan)));
                Assert.True(ok, $"{output.Name}.{property.Name} is a {property.PropertyType}, not a plain property");
                Assert.False(property.PropertyType == typeof(ulong), $"{output.Name}.{property.Name} is unsigned");
            }
        }
    }

    [Fact]
    public void At_most_one_parameter_per_set_takes_the_pipeline_by_value()
    {
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            var bySet = CmdletMetadata.Parameters(type)
                .SelectMany(p => p.Parameters.Where(a => CmdletMetadata.Named<bool>(a, "ValueFromPipeline"))
                    .Select(a => (Set: CmdletMetadata.Named<string>(a, "ParameterSetName") ?? CmdletMetadata.AllParameterSets, p.Property.Name)))
                .GroupBy(x => x.Set);
            foreach (var set in bySet)
            {
                Assert.True(set.Count() <= 1, $"{CmdletMetadata.CmdletName(type)} set {set.Key}: {string.Join(", ", set.Select(s => s.Name))} all take the pipeline by value");
            }
        }
    }

    [Fact]
    public void Mutating_cmdlets_support_should_process()
    {
        foreach (Type type in CmdletMetadata.CmdletTypes.Where(t => MutatingVerbs.Contains(CmdletMetadata.Verb(t))))
        {
            var cmdlet = CmdletMetadata.Attribute(type, "CmdletAttribute")!;
            Assert.True(CmdletMetadata.Named<bool>(cmdlet, "SupportsShouldProcess"), $"{CmdletMetadata.CmdletName(type)} must declare SupportsShouldProcess");
        }
    }

    [Fact]
    public void Package_name_parameters_have_the_suggest_completer()
    {
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            foreach (var (property, _) in CmdletMetadata.Parameters(type))
            {
                bool isModuleName = property.Name == "Name" && (type == typeof(GetOmgModuleCommand) || type == typeof(InvokeOmgModuleCommand));
                bool isPackageName = (property.Name is "Name" or "Query") && type != typeof(GetOmgRuntimeCommand) && !isModuleName;
                if (!isPackageName && !isModuleName)
                {
                    continue;
                }

                var completer = CmdletMetadata.Attribute(property, "ArgumentCompleterAttribute");
                Assert.NotNull(completer);
                Assert.Equal(isModuleName ? typeof(ModuleNameCompleter) : typeof(PackageNameCompleter), completer.ConstructorArguments[0].Value);
            }
        }
    }

    [Fact]
    public void Source_completes_with_the_known_sources()
    {
        var source = CmdletMetadata.Parameters(typeof(FindOmgPackageCommand)).Single(p => p.Property.Name == "Source").Property;
        var completer = CmdletMetadata.Attribute(source, "ArgumentCompleterAttribute");
        Assert.NotNull(completer);
        Assert.Equal(typeof(SourceCompleter), completer.ConstructorArguments[0].Value);

        Assert.Equal(["apt", "npm", "pypi"], SourceCompleter.Matching(string.Empty));
        Assert.Equal(["pypi"], SourceCompleter.Matching("P"));
        Assert.Equal(["npm"], SourceCompleter.Matching("'n"));
        Assert.Empty(SourceCompleter.Matching("x"));
    }

    [Fact]
    public void Help_documents_every_cmdlet_and_parameter_with_two_examples()
    {
        XDocument help = XDocument.Load(RepositoryPaths.HelpFile);
        var commands = help.Root!.Elements(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value, StringComparer.Ordinal);
        Assert.Equal(
            CmdletMetadata.CmdletTypes.Select(CmdletMetadata.CmdletName).Order(StringComparer.Ordinal),
            commands.Keys.Order(StringComparer.Ordinal));

        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            string name = CmdletMetadata.CmdletName(type);
            XElement command = commands[name];
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Command + "details")!.Element(Maml + "description")?.Value), $"{name}: no synopsis");
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Maml + "description")?.Value), $"{name}: no description");

            string[] documented = command.Element(Command + "parameters")!.Elements(Command + "parameter")
                .Select(p => p.Element(Maml + "name")!.Value).Order(StringComparer.Ordinal).ToArray();
            string[] declared = CmdletMetadata.Parameters(type).Select(p => p.Property.Name).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(declared, documented);
            foreach (XElement parameter in command.Element(Command + "parameters")!.Elements(Command + "parameter"))
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Element(Maml + "description")?.Value), $"{name} -{parameter.Element(Maml + "name")!.Value}: no description");
            }

            string[] syntax = command.Descendants(Command + "syntaxItem").Elements(Command + "parameter")
                .Select(p => p.Element(Maml + "name")!.Value).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(declared, syntax);

            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToArray();
            Assert.True(examples.Length >= 2, $"{name} has {examples.Length} examples");
            Assert.All(examples, e => Assert.Contains(name, e.Element(Dev + "code")!.Value, StringComparison.Ordinal));

            foreach (Type output in CmdletMetadata.OutputTypes(type))
            {
                Assert.Contains(command.Descendants(Command + "returnValue"), r => r.Descendants(Maml + "name").Any(n => n.Value == output.FullName));
            }
        }
    }

    [Fact]
    public void About_topic_names_every_cmdlet()
    {
        string about = File.ReadAllText(RepositoryPaths.AboutFile);
        Assert.StartsWith("TOPIC", about, StringComparison.Ordinal);
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            Assert.Contains(CmdletMetadata.CmdletName(type), about, StringComparison.Ordinal);
        }
    }

    private const string Deserialized = "Deserialized.";

    [Fact]
    public void Format_and_type_files_are_well_formed_and_name_only_existing_types()
    {
        XDocument format = XDocument.Load(RepositoryPaths.FormatFile);
        XDocument types = XDocument.Load(RepositoryPaths.TypesFile);
        var named = format.Descendants("TypeName").Select(t => t.Value)
            .Concat(types.Root!.Elements("Type").Select(t => t.Element("Name")!.Value))
            .ToArray();
        Assert.NotEmpty(named);
        foreach (string typeName in named)
        {
            // Deserialized.X is what X becomes across remoting, jobs and CliXml: X itself must exist.
            Type? type = CmdletMetadata.Module.GetType(typeName.StartsWith(Deserialized, StringComparison.Ordinal) ? typeName[Deserialized.Length..] : typeName);
            Assert.True(type is not null, $"{typeName} does not exist in {CmdletMetadata.Module.GetName().Name}");
        }

        // Every live type's view and display set also serve its deserialized form, so tables survive remoting.
        var live = named.Where(n => !n.StartsWith(Deserialized, StringComparison.Ordinal)).Distinct().ToArray();
        foreach (string typeName in live)
        {
            Assert.Contains(Deserialized + typeName, named);
        }

        // Every column and every display property is a real property of its type.
        foreach (XElement view in format.Descendants("View"))
        {
            Type type = CmdletMetadata.Module.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value)!;
            foreach (string property in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.NotNull(type.GetProperty(property));
            }
        }

        foreach (XElement entry in types.Root!.Elements("Type"))
        {
            string name = entry.Element("Name")!.Value;
            Type type = CmdletMetadata.Module.GetType(name.StartsWith(Deserialized, StringComparison.Ordinal) ? name[Deserialized.Length..] : name)!;
            foreach (string property in entry.Descendants("ReferencedProperties").Elements("Name").Select(p => p.Value))
            {
                Assert.NotNull(type.GetProperty(property));
            }
        }
    }

    [Fact]
    public void Types_with_many_properties_have_a_default_display_set()
    {
        XDocument types = XDocument.Load(RepositoryPaths.TypesFile);
        var withSets = types.Root!.Elements("Type").Select(t => t.Element("Name")!.Value).ToHashSet(StringComparer.Ordinal);
        foreach (Type output in CmdletMetadata.CmdletTypes.SelectMany(CmdletMetadata.OutputTypes).Distinct().Where(o => o != typeof(string)))
        {
            if (output.GetProperties().Length > 8)
            {
                Assert.True(withSets.Contains(output.FullName!), $"{output.FullName} has {output.GetProperties().Length} properties and no DefaultDisplayPropertySet");
            }
        }
    }

    [Fact]
    public void Build_output_has_help_beside_the_module_omgd_in_its_dependencies_and_no_engine_stub()
    {
        string output = RepositoryPaths.ModuleOutput;
        string dependencies = RepositoryPaths.DependencyOutput;
        Assert.True(File.Exists(Path.Combine(output, "Omg.PowerShell.dll")), $"no module in {output}");
        Assert.True(File.Exists(Path.Combine(dependencies, "omgd.dll")), "omgd.dll is not in the module's Dependencies/");
        Assert.True(File.Exists(Path.Combine(dependencies, "omgd.runtimeconfig.json")), "omgd cannot run from the module's Dependencies/");
        foreach (string name in new[] { "Omg.Client.dll", "Omg.Protocol.dll", "MessagePack.dll", "omgd.dll" })
        {
            // PowerShell's own resolver looks beside the cmdlets and would load these into the default context.
            Assert.False(File.Exists(Path.Combine(output, name)), $"{name} is beside the cmdlets, outside Dependencies/");
        }

        Assert.True(File.Exists(Path.Combine(output, "en-US", "Omg.PowerShell.dll-Help.xml")), "help is not beside the module");
        Assert.False(File.Exists(Path.Combine(output, "System.Management.Automation.dll")), "the engine stub must never ship");
    }

    [Fact]
    public void Release_builds_ship_omgd_precompiled()
    {
        // A fresh omgd spent 40 % of its first index build in the JIT; Release builds precompile omgd and what it
        // loads (ReadyToRun). A copy of the IL-only builds beside the module would start measurably slower.
        string configuration = RepositoryPaths.Configuration;
        string output = RepositoryPaths.DependencyOutput;
        foreach (string name in new[] { "omgd.dll", "Omg.Packages.dll", "Microsoft.Extensions.Hosting.dll" })
        {
            using var stream = File.OpenRead(Path.Combine(output, name));
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            bool precompiled = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
            Assert.True(precompiled == (configuration == "Release"), $"{name} beside the module: precompiled {precompiled} in a {configuration} build");
        }
    }

    [Fact]
    public void Every_cmdlet_has_a_pester_file_that_uses_the_shared_setup()
    {
        string pester = Path.Combine(RepositoryPaths.Root, "tests", "pester");
        foreach (Type type in CmdletMetadata.CmdletTypes)
        {
            string file = Path.Combine(pester, CmdletMetadata.CmdletName(type) + ".Tests.ps1");
            Assert.True(File.Exists(file), $"{file} is missing");
            string text = File.ReadAllText(file);
            Assert.Contains("Omg.Tests.Setup.ps1", text, StringComparison.Ordinal);
            Assert.Contains($"Describe '{CmdletMetadata.CmdletName(type)}'", text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"CmdletsToExport\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline)]
    private static partial Regex CmdletsToExport();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
