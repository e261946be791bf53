namespace Omg.Daemon.Modules;

/// <summary>Module runtime settings, under <c>Modules:</c> (<c>--Modules:Roots:0=DIR</c>, <c>OMG_MODULES__DEFAULTTIMEOUTSECONDS</c>).</summary>
public sealed class ModuleOptions
{
    /// <summary>Roots from <c>--module-root DIR</c>, searched before all others (kept apart from <see cref="Roots"/>,
    /// whose indexes the command line would otherwise overwrite one by one).</summary>
    public string[] CommandLineRoots { get; set; } = [];

    /// <summary>Module roots searched after <see cref="CommandLineRoots"/>; then <c>OMG_MODULE_PATH</c>, then /usr/share/sysinspect/modules.</summary>
    public string[] Roots { get; set; } = [];

    /// <summary>SysInspect's sharelib, whose <c>lib/runtime/python3</c> holds the <c>py3.*</c> modules; empty means <c>OMG_SHARELIB</c>, else /usr/share/sysinspect (<c>--sharelib DIR</c> sets it).</summary>
    public string Sharelib { get; set; } = string.Empty;

    /// <summary>The python3 that runs <c>py3.*</c> modules; empty means /usr/bin/python3, else the first on PATH.</summary>
    public string Python { get; set; } = string.Empty;

    /// <summary>Seconds a module may run when the call names no <c>timeout_ms</c>.</summary>
    public double DefaultTimeoutSeconds { get; set; } = 60;

    /// <summary>Largest stdout a module may write; past it the module is killed and the call fails.</summary>
    public int MaxOutputBytes { get; set; } = 16 << 20;

    /// <summary>Modules run at once; more calls wait their turn. 0 means twice the processor count.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Sent to every module as <c>config</c>.</summary>
    public Dictionary<string, string> Config { get; set; } = [];

    /// <summary>Traits added to <c>host.traits</c> (they win over detected ones of the same name).</summary>
    public Dictionary<string, string> Traits { get; set; } = [];

    /// <summary>Variables added to the clean environment modules run in (PATH, HOME and LANG are passed on).</summary>
    public Dictionary<string, string> Environment { get; set; } = [];
}
