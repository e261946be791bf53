namespace Omg.Cli;

/// <summary>What <c>omg</c> exits with.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>omgd answered with an error (or did not answer in time).</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>omgd could not be reached or started.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
