# Dot-sourced by the audit test files after Omg.Tests.Setup.ps1: an omgd over a copy of the basic fixture root
# that says it is Debian 12 (etc/os-release), with a private data directory, so advisories never touch the user's store.
$script:Advisories = Join-Path $script:RepoRoot 'tests/fixtures/advisories'

function Start-AuditTestDaemon {
    $socket = New-TestSocketPath
    $directory = Split-Path $socket
    $root = Join-Path $directory 'root'
    Copy-Item -LiteralPath $script:FixtureRoot -Destination $root -Recurse
    Copy-Item -LiteralPath (Join-Path $script:Advisories 'os-release') -Destination (Join-Path $root 'etc/os-release')
    $arguments = @((Get-TestDaemonPath), '--socket', $socket, '--root', $root, '--data-dir', (Join-Path $directory 'data'), '--log-file', (Join-Path $directory 'omgd.log'))
    $quoted = $arguments | ForEach-Object { '"{0}"' -f $_ }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $quoted -PassThru -RedirectStandardOutput (Join-Path $directory 'stdout.txt') -RedirectStandardError (Join-Path $directory 'stderr.txt')
    Wait-TestSocket -Socket $socket -Process $process
    return [pscustomobject]@{ Socket = $socket; Process = $process }
}
