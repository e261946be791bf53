using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Modules: <c>{"Modules": [ModuleInfo, ...]}</c>.</summary>
/// <param name="Modules">The module index.</param>
public sealed record ModulesResult(IReadOnlyList<ModuleInfo> Modules) : ResponseResult
{
    /// <inheritdoc />
    public override string Variant => "Modules";

    internal static ModulesResult ReadValue(ref MessagePackReader reader)
    {
        int n = reader.ReadArrayHeader();
        reader.EnterNested();
        var modules = new ModuleInfo[n];
        for (int i = 0; i < n; i++)
        {
            modules[i] = ModuleInfo.Read(ref reader);
        }

        reader.LeaveNested();
        return new ModulesResult(modules);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(Modules.Count);
        foreach (ModuleInfo module in Modules)
        {
            module.Write(ref writer);
        }
    }
}
