#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every tests/pester/*.Tests.ps1 under the Pester at -PesterManifest and writes NUnit XML.
.DESCRIPTION
    The Pester half of the one test command (test.sh), run by the pinned pwsh restored from NuGet. The run
    is sealed off from the caller's environment: OMG_SOCKET, OMG_DAEMON and the XDG directories are
    replaced by private temporary ones (removed afterwards), and no command may auto-start an omgd, so
    nothing reaches the user's own daemon, socket or log. Each test file then starts its own omgd over a
    fixture root (Omg.Tests.Setup.ps1).

    Exits 0 only when at least one test ran and nothing failed: a failed test, a failed block (BeforeAll)
    or a file that did not load all fail the run. The last line is `Pester: N passed, N failed, N skipped`.
.PARAMETER PesterManifest
    Pester.psd1 of the pinned Pester package.
.PARAMETER ResultPath
    Where the NUnit XML goes (its folder is created).
.PARAMETER Path
    Test files to run instead of every tests/pester/*.Tests.ps1.
.PARAMETER Verbosity
    Pester's output verbosity: Detailed (the default) lists every test.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $PesterManifest,

    [Parameter(Mandatory)]
    [string] $ResultPath,

    [string[]] $Path,

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

Import-Module -Name $PesterManifest -Force
$pester = Get-Module Pester
if ($pester.Version.Major -ne 5) {
    throw "Pester 5 is required; $PesterManifest is $($pester.Version)"
}

if (-not $Path) {
    # Only the files beside this script: the folder also holds this runner's obj/ after a restore.
    $Path = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.Tests.ps1' -File | Sort-Object Name | ForEach-Object FullName)
}
if ($Path.Count -eq 0) {
    Write-Host "No *.Tests.ps1 in $PSScriptRoot"
    Write-Host 'Pester: 0 passed, 0 failed, 0 skipped'
    exit 1
}

# A private environment for the whole run; Omg.Tests.Setup.ps1 narrows it again per file.
$sandbox = Join-Path ([IO.Path]::GetTempPath()) ('omg-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
$saved = @{}
foreach ($name in 'OMG_SOCKET', 'OMG_DAEMON', 'OMG_NO_AUTOSTART', 'XDG_RUNTIME_DIR', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
}
New-Item -ItemType Directory -Path $sandbox | Out-Null
& chmod 700 $sandbox
foreach ($name in 'runtime', 'state', 'data', 'config', 'cache') {
    New-Item -ItemType Directory -Path (Join-Path $sandbox $name) | Out-Null
}
$env:XDG_RUNTIME_DIR = Join-Path $sandbox 'runtime'
$env:XDG_STATE_HOME = Join-Path $sandbox 'state'
$env:XDG_DATA_HOME = Join-Path $sandbox 'data'
$env:XDG_CONFIG_HOME = Join-Path $sandbox 'config'
$env:XDG_CACHE_HOME = Join-Path $sandbox 'cache'
$env:OMG_NO_AUTOSTART = '1'
Remove-Item Env:OMG_SOCKET, Env:OMG_DAEMON -ErrorAction SilentlyContinue

try {
    $config = New-PesterConfiguration
    $config.Run.Path = $Path
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = $Verbosity
    # Colour codes only for a terminal: CI logs and files read as plain text.
    $config.Output.RenderMode = if ([Console]::IsOutputRedirected) { 'Plaintext' } else { 'Auto' }
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $ResultPath
    $resultFolder = Split-Path -Parent $ResultPath
    if ($resultFolder) {
        New-Item -ItemType Directory -Path $resultFolder -Force | Out-Null
    }

    $watch = [Diagnostics.Stopwatch]::StartNew()
    $result = Invoke-Pester -Configuration $config
    $watch.Stop()
}
finally {
    foreach ($name in $saved.Keys) {
        [Environment]::SetEnvironmentVariable($name, $saved[$name])
    }
    Remove-Item -LiteralPath $sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

$problems = [Collections.Generic.List[string]]::new()
foreach ($container in $result.FailedContainers) {
    $problems.Add("a test file did not load or its top-level BeforeAll/AfterAll failed: $($container.Item)")
}
foreach ($block in $result.FailedBlocks) {
    $problems.Add("a block's BeforeAll/AfterAll failed: $($block.ExpandedPath)")
}
if ($result.PassedCount -eq 0) {
    $problems.Add('no test passed')
}
foreach ($problem in $problems) {
    Write-Host "Pester: $problem"
}

Write-Host ('Pester ran {0} files in {1:N1} s; results in {2}' -f $Path.Count, $watch.Elapsed.TotalSeconds, $ResultPath)
# A file that did not load or a block whose setup failed counts as a failure in the closing line too, so the
# line alone tells a reader (or CI) that the run failed.
Write-Host ('Pester: {0} passed, {1} failed, {2} skipped' -f $result.PassedCount, ($result.FailedCount + $result.FailedContainers.Count + $result.FailedBlocks.Count), $result.SkippedCount)
if ($result.FailedCount -gt 0 -or $problems.Count -gt 0) {
    exit 1
}
exit 0
