#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the Omg PowerShell module.
.DESCRIPTION
    Builds omg.sln (which puts omgd beside Omg.PowerShell.dll), optionally runs the tests (xunit and
    Pester, through ./test.sh), and optionally lays out a self-contained module folder
    out/Omg/<version>/ that Publish-PSResource could ship.
.PARAMETER Configuration
    Release (the default) or Debug. Release precompiles omgd and omg (ReadyToRun), which is what a module
    meant for use or for shipping wants; Debug is for stepping through the code.
.PARAMETER Test
    Runs the one test command, ./test.sh: the xunit tests of the solution, then every tests/pester/*.Tests.ps1
    under the pinned PowerShell 7.6 and Pester 5.9 restored from NuGet (nothing installed globally).
.PARAMETER Package
    Lays out out/Omg/<version>/: the manifest (its root module the cmdlet assembly), the cmdlet assembly, the format, type and help
    files, and Dependencies/ (the assemblies the cmdlets load in a context of their own, omgd, and the native
    omg command, NativeAOT); never the System.Management.Automation.dll stub.
.PARAMETER NoBuild
    Uses what the last build produced.
.EXAMPLE
    ./build.ps1 -Test -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $Test,

    [switch] $Package,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$manifestPath = Join-Path $root 'Omg.psd1'
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
$moduleOutput = Join-Path $root "src/Omg.PowerShell/bin/$Configuration/net8.0"

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')"
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath exited with $LASTEXITCODE"
    }
}

# The solution is the unit of build; projects it does not list yet are built (and tested) on their own.
$solution = Join-Path $root 'omg.sln'
$targets = @($solution)
foreach ($project in 'src/Omg.PowerShell/Omg.PowerShell.csproj', 'tests/Omg.PowerShell.Tests/Omg.PowerShell.Tests.csproj') {
    if (-not (Select-String -LiteralPath $solution -SimpleMatch ([IO.Path]::GetFileName($project)) -Quiet)) {
        $targets += Join-Path $root $project
    }
}

if (-not $NoBuild) {
    foreach ($target in $targets) {
        Invoke-Native dotnet @('build', $target, '--configuration', $Configuration, '--nologo')
    }
}

if ($Test) {
    # The one test command (README, .ci/run): xunit, then every Pester file under the PowerShell and Pester
    # that tests/pester/Omg.Pester.Runner.csproj pins, both restored from NuGet.
    Invoke-Native bash @((Join-Path $root 'test.sh'), '--configuration', $Configuration, '--no-build')
}

if ($Package) {
    if (-not (Test-Path -LiteralPath (Join-Path $moduleOutput 'Omg.PowerShell.dll'))) {
        throw "No build in $moduleOutput; run without -NoBuild first."
    }

    $destination = Join-Path $root "out/Omg/$($manifest.ModuleVersion)"
    if (Test-Path -LiteralPath $destination) {
        Remove-Item -LiteralPath $destination -Recurse -Force
    }
    New-Item -ItemType Directory -Path $destination -Force | Out-Null

    # The build output is the cmdlet assembly, its help, and Dependencies/: the assemblies it loads in a context
    # of its own (Omg.Client, Omg.Protocol, MessagePack) and omgd with its dependencies. The engine is pwsh's,
    # so its stub must never ship, and pdb files and an assembly's XML docs are for developers (the help
    # files in en-US/ are XML too, and stay).
    Get-ChildItem -LiteralPath $moduleOutput -File -Recurse | Where-Object {
        $docs = $_.Extension -eq '.xml' -and (Test-Path -LiteralPath ([IO.Path]::ChangeExtension($_.FullName, '.dll')))
        -not ($_.Name -eq 'System.Management.Automation.dll' -or $_.Extension -eq '.pdb' -or $docs)
    } | ForEach-Object {
        $relative = [IO.Path]::GetRelativePath($moduleOutput, $_.FullName)
        $target = Join-Path $destination $relative
        New-Item -ItemType Directory -Path (Split-Path $target) -Force | Out-Null
        Copy-Item -LiteralPath $_.FullName -Destination $target
    }

    foreach ($file in 'Omg.Format.ps1xml', 'Omg.Types.ps1xml') {
        Copy-Item -LiteralPath (Join-Path $root $file) -Destination $destination
    }
    # In the package the cmdlet assembly sits beside the manifest, so the manifest names it as its root module:
    # Omg.psm1 exists only to find the build in the repository, and a script module costs every session that
    # imports Omg a good part of the module's start-up (docs/benchmarks.md).
    $manifestText = Get-Content -LiteralPath $manifestPath -Raw
    $packagedText = $manifestText -replace "(?m)^(\s*RootModule\s*=\s*)'Omg\.psm1'", "`$1'Omg.PowerShell.dll'"
    if ($packagedText -eq $manifestText) {
        throw "Omg.psd1 no longer names Omg.psm1 as its RootModule; update the packaging in build.ps1"
    }
    Set-Content -LiteralPath (Join-Path $destination 'Omg.psd1') -Value $packagedText -NoNewline
    # omg as one native executable (NativeAOT, src/Omg.Cli/Properties/PublishProfiles/native.pubxml), beside omgd
    # in Dependencies/, where it finds the omgd it auto-starts.
    $nativeOmg = Join-Path $root "src/Omg.Cli/bin/$Configuration/native/omg"
    # -NoBuild reuses a native omg published before, and publishes one when there is none (a fresh clone).
    if (-not $NoBuild -or -not (Test-Path -LiteralPath $nativeOmg)) {
        Invoke-Native dotnet @('publish', (Join-Path $root 'src/Omg.Cli/Omg.Cli.csproj'), '--configuration', $Configuration, '--nologo', '-p:PublishProfile=native')
    }
    Copy-Item -LiteralPath $nativeOmg -Destination (Join-Path $destination 'Dependencies')

    # about_ topics are looked up beside the manifest, so they live at the root, next to Omg.psd1.
    Copy-Item -Path (Join-Path $root 'en-US/*') -Destination (Join-Path $destination 'en-US') -Force

    if (Test-Path -LiteralPath (Join-Path $destination 'System.Management.Automation.dll')) {
        throw 'System.Management.Automation.dll must not be packaged'
    }

    Test-ModuleManifest -Path (Join-Path $destination 'Omg.psd1') | Out-Null
    Write-Host "Module laid out in $destination"
}
