# Loads the compiled cmdlets. Two layouts are served by this one file:
#  - Omg.PowerShell.dll beside this file (a module folder laid out by hand; build.ps1 -Package's manifest
#    names the assembly itself and leaves this file out);
#  - the repository after `dotnet build`: the newer of the Release and Debug builds of Omg.PowerShell.dll
#    under src/Omg.PowerShell/bin, so that `Import-Module ./Omg.psd1` works without a packaging step.
# A manifest cannot glob, which is why this choice is made here and not in Omg.psd1.
#
# Every interactive session that imports the module runs this, in a pwsh whose engine is JIT-compiled as it
# goes: it calls .NET only, no pipeline and no other cmdlet (Where-Object, Sort-Object, Get-Item and
# Import-PowerShellDataFile here cost about 0.1 of a bare pwsh's start-up, docs/benchmarks.md), and exports
# nothing itself: the manifest's CmdletsToExport decides what the module exports.

$assembly = [IO.Path]::Combine($PSScriptRoot, 'Omg.PowerShell.dll')
if (-not [IO.File]::Exists($assembly)) {
    $release = [IO.Path]::Combine($PSScriptRoot, 'src/Omg.PowerShell/bin/Release/net8.0/Omg.PowerShell.dll')
    $debug = [IO.Path]::Combine($PSScriptRoot, 'src/Omg.PowerShell/bin/Debug/net8.0/Omg.PowerShell.dll')
    $assembly = if (-not [IO.File]::Exists($debug)) {
        $release
    } elseif (-not [IO.File]::Exists($release)) {
        $debug
    } elseif ([IO.File]::GetLastWriteTimeUtc($debug) -gt [IO.File]::GetLastWriteTimeUtc($release)) {
        $debug
    } else {
        $release
    }
    if (-not [IO.File]::Exists($assembly)) {
        throw "Omg.PowerShell.dll was not found beside $PSCommandPath or under src/Omg.PowerShell/bin; run 'dotnet build omg.sln' or './build.ps1' first."
    }
}

Import-Module -Name $assembly -ErrorAction Stop
