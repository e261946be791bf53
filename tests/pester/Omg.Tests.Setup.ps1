# Shared setup, dot-sourced from each test file's BeforeAll. Builds nothing: it uses what `dotnet build`
# (or ./build.ps1) left under src/Omg.PowerShell/bin, imports the module from the repository root
# manifest and, with -WithDaemon, starts one omgd on a private socket over the fixture tree
# ($Daemon, $Socket), which `Stop-TestDaemon` in AfterAll ends.
param([switch] $WithDaemon)

$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
$script:FixtureRoot = Join-Path $script:RepoRoot 'tests/fixtures/roots/basic'

function Get-TestDaemonPath {
    if ($env:OMG_DAEMON -and (Test-Path -LiteralPath $env:OMG_DAEMON)) {
        return $env:OMG_DAEMON
    }

    $built = foreach ($configuration in 'Release', 'Debug') {
        Join-Path $script:RepoRoot "src/Omg.PowerShell/bin/$configuration/net8.0/Dependencies/omgd.dll"
    }
    $found = $built | Where-Object { Test-Path -LiteralPath $_ } |
        Sort-Object { (Get-Item -LiteralPath $_).LastWriteTimeUtc } -Descending |
        Select-Object -First 1
    if (-not $found) {
        throw "omgd.dll was not found in the built module's Dependencies/; run 'dotnet build omg.sln' first."
    }
    return $found
}

function New-TestSocketPath {
    # Short, private and unique: a Unix socket path must stay under 108 bytes.
    $directory = Join-Path ([IO.Path]::GetTempPath()) ('omgp-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $directory | Out-Null
    if (-not $IsWindows) {
        & chmod 700 $directory
    }
    return Join-Path $directory 'omg.sock'
}

function Wait-TestSocket {
    param([string] $Socket, [System.Diagnostics.Process] $Process, [int] $TimeoutSeconds = 30)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($Process.HasExited) {
            throw "omgd exited with $($Process.ExitCode) before listening on $Socket"
        }
        if ((Test-Path -LiteralPath $Socket) -and (Get-OmgDaemon -Socket $Socket).Reachable) {
            return
        }
        Start-Sleep -Milliseconds 100
    }
    throw "omgd did not answer on $Socket within $TimeoutSeconds s"
}

function Start-TestDaemon {
    <#
    Starts omgd over the fixture tree on a new socket (or -Socket, made by New-TestSocketPath), with
    -ExtraArguments after the usual ones; returns @{ Socket; Process }.
    #>
    param([string] $Socket = (New-TestSocketPath), [string[]] $ExtraArguments = @())
    $socket = $Socket
    $daemon = Get-TestDaemonPath
    $arguments = @($daemon, '--socket', $socket, '--root', $script:FixtureRoot, '--log-file', (Join-Path (Split-Path $socket) 'omgd.log')) + $ExtraArguments
    # Start-Process joins its arguments with spaces: quote each, as a checkout path may have spaces.
    $quoted = $arguments | ForEach-Object { '"{0}"' -f $_ }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $quoted -PassThru -RedirectStandardOutput (Join-Path (Split-Path $socket) 'stdout.txt') -RedirectStandardError (Join-Path (Split-Path $socket) 'stderr.txt')
    Wait-TestSocket -Socket $socket -Process $process
    return [pscustomobject]@{ Socket = $socket; Process = $process }
}

function Stop-TestDaemon {
    param($Daemon = $script:Daemon)
    if (-not $Daemon) { return }
    if (-not $Daemon.Process.HasExited) {
        # SIGTERM, so that omgd removes its socket; Stop-Process would send SIGKILL.
        & kill -TERM $Daemon.Process.Id
        if (-not $Daemon.Process.WaitForExit(10000)) {
            $Daemon.Process.Kill()
        }
    }
    Remove-Item -LiteralPath (Split-Path $Daemon.Socket) -Recurse -Force -ErrorAction SilentlyContinue
}

# Commands under test never spawn daemons of their own, except Start-OmgDaemon, which always may.
$env:OMG_NO_AUTOSTART = '1'
Import-Module (Join-Path $script:RepoRoot 'Omg.psd1') -Force -ErrorAction Stop

if ($WithDaemon) {
    $script:Daemon = Start-TestDaemon
    $script:Socket = $script:Daemon.Socket
}
