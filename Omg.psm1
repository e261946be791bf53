# Loads the compiled cmdlets. Two layouts are served by this one file:
#  - a packaged module (build.ps1 -Package, out/Omg/<version>/): Omg.PowerShell.dll sits beside this file;
#  - the repository after `dotnet build`: the newest Omg.PowerShell.dll among the configurations built
#    under src/Omg.PowerShell/bin, so that `Import-Module ./Omg.psd1` works without a packaging step.
# A manifest cannot glob, which is why this choice is made here and not in Omg.psd1.

$candidates = @(Join-Path $PSScriptRoot 'Omg.PowerShell.dll')
if (-not (Test-Path -LiteralPath $candidates[0])) {
    $candidates = foreach ($configuration in 'Release', 'Debug') {
        Join-Path $PSScriptRoot "src/Omg.PowerShell/bin/$configuration/net8.0/Omg.PowerShell.dll"
    }
}

$assembly = $candidates |
    Where-Object { Test-Path -LiteralPath $_ } |
    Sort-Object { (Get-Item -LiteralPath $_).LastWriteTimeUtc } -Descending |
    Select-Object -First 1

if (-not $assembly) {
    throw "Omg.PowerShell.dll was not found beside $PSCommandPath or under src/Omg.PowerShell/bin; run 'dotnet build omg.sln' or './build.ps1' first."
}

Import-Module -Name $assembly -ErrorAction Stop
Export-ModuleMember -Cmdlet (Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot 'Omg.psd1')).CmdletsToExport
