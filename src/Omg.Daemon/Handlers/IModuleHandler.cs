using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;

namespace Omg.Daemon.Handlers;

/// <summary>Answers Modules (the module index) and Module (run one).</summary>
public interface IModuleHandler
{
    /// <summary>The modules available under the configured roots.</summary>
    ValueTask<IReadOnlyList<ModuleInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Runs module <paramref name="name"/> with the contract's request map, within <paramref name="timeoutMs"/> (null: the configured default).</summary>
    ValueTask<ModuleResult> RunAsync(string name, MessagePackValue request, ulong? timeoutMs, CancellationToken cancellationToken);
}
