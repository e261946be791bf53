# Dot-sourced by Isolation.Tests.ps1 after Omg.Tests.Setup.ps1: another module that ships its own MessagePack
# (a different version of Omg's dependency, same simple name), the module as it was laid out before isolation
# (everything flat beside the cmdlets), and a clean pwsh that imports the two in a given order.

function New-ConflictingModule {
    <#
    Writes <Directory>/Conflict/: MessagePack.dll version 1.0.0.0 (compiled here with the Roslyn that pwsh
    ships, so that the assembly's name is MessagePack: Add-Type names its output at random), loaded by the
    manifest's RequiredAssemblies as any module's dependency is, and Get-ConflictVersion, which uses it.
    #>
    param([string] $Directory)
    $module = Join-Path $Directory 'Conflict'
    New-Item -ItemType Directory -Path $module -Force | Out-Null
    Add-Type -AssemblyName Microsoft.CodeAnalysis.CSharp
    $source = @'
[assembly: System.Reflection.AssemblyVersion("1.0.0.0")]
namespace MessagePack
{
    public static class ConflictProbe
    {
        public static string Version => typeof(ConflictProbe).Assembly.GetName().Version.ToString();
    }
}
'@
    $runtime = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $references = [Microsoft.CodeAnalysis.MetadataReference[]] @(foreach ($name in 'System.Private.CoreLib', 'System.Runtime') {
            [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile((Join-Path $runtime "$name.dll"))
        })
    $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create(
        'MessagePack',
        [Microsoft.CodeAnalysis.SyntaxTree[]] @([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($source)),
        $references,
        [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary))
    $emitted = [Microsoft.CodeAnalysis.FileSystemExtensions]::Emit($compilation, (Join-Path $module 'MessagePack.dll'))
    if (-not $emitted.Success) {
        throw "the conflicting MessagePack.dll did not compile: $($emitted.Diagnostics -join '; ')"
    }
    Set-Content -LiteralPath (Join-Path $module 'Conflict.psm1') -Value 'function Get-ConflictVersion { [MessagePack.ConflictProbe]::Version }'
    Set-Content -LiteralPath (Join-Path $module 'Conflict.psd1') -Value @"
@{
    RootModule         = 'Conflict.psm1'
    ModuleVersion      = '1.0.0'
    GUID               = '$([guid]::NewGuid())'
    RequiredAssemblies = @('MessagePack.dll')
    FunctionsToExport  = @('Get-ConflictVersion')
}
"@
    return Join-Path $module 'Conflict.psd1'
}

function New-FlatModuleLayout {
    <#
    Writes <Directory>/Flat/: the built module with Dependencies/ emptied beside the cmdlets, as it was laid out
    before isolation; PowerShell then loads Omg.Client, Omg.Protocol and MessagePack into its default context.
    #>
    param([string] $Directory, [string] $ModuleOutput)
    $flat = Join-Path $Directory 'Flat'
    New-Item -ItemType Directory -Path $flat -Force | Out-Null
    Copy-Item -Path (Join-Path $ModuleOutput 'Dependencies/*') -Destination $flat -Recurse
    Copy-Item -LiteralPath (Join-Path $ModuleOutput 'Omg.PowerShell.dll') -Destination $flat
    foreach ($file in 'Omg.psd1', 'Omg.psm1', 'Omg.Format.ps1xml', 'Omg.Types.ps1xml') {
        Copy-Item -LiteralPath (Join-Path $script:RepoRoot $file) -Destination $flat
    }
    return Join-Path $flat 'Omg.psd1'
}

function Invoke-ImportOrder {
    <#
    In a clean pwsh, imports the two modules in the order given (-OmgFirst or not), calls Find-OmgPackage and
    Get-ConflictVersion after both are in, and reports what each answered (or the error it raised) and where
    the two MessagePack assemblies were loaded.
    #>
    param([string] $OmgManifest, [string] $ConflictManifest, [string] $Socket, [switch] $OmgFirst)
    $script = {
        param($OmgManifest, $ConflictManifest, $Socket, $OmgFirst)
        $env:OMG_NO_AUTOSTART = '1'
        $order = if ($OmgFirst -eq 'True') { $OmgManifest, $ConflictManifest } else { $ConflictManifest, $OmgManifest }
        $errors = [Collections.Generic.List[string]]::new()
        foreach ($manifest in $order) {
            try {
                Import-Module $manifest -ErrorAction Stop
                # Use each module as soon as it is in, as a session would: that is when its assemblies load.
                if ($manifest -eq $OmgManifest) { $null = Find-OmgPackage vim -Socket $Socket -ErrorAction Stop }
                else { $null = Get-ConflictVersion }
            }
            catch { $errors.Add("$manifest`: $($_.Exception.Message)") }
        }
        $search = try { @((Find-OmgPackage vim -Socket $Socket -ErrorAction Stop).Name) } catch { $errors.Add("Find-OmgPackage: $($_.Exception.Message)"); @() }
        $conflict = try { Get-ConflictVersion } catch { $errors.Add("Get-ConflictVersion: $($_.Exception.Message)"); $null }
        $loaded = foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
            if ($assembly.GetName().Name -eq 'MessagePack') {
                [pscustomobject]@{
                    Version = $assembly.GetName().Version.ToString()
                    Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
                }
            }
        }
        [pscustomobject]@{
            Search      = $search
            Conflict    = $conflict
            MessagePack = @($loaded)
            Errors      = @($errors)
        } | ConvertTo-Json -Compress -Depth 3
    }
    $pwsh = Join-Path $PSHOME 'pwsh.dll'
    $json = & dotnet $pwsh -NoProfile -NonInteractive -Command $script -args $OmgManifest, $ConflictManifest, $Socket, $OmgFirst.IsPresent.ToString()
    if ($LASTEXITCODE -ne 0) {
        throw "the child pwsh exited with $LASTEXITCODE`: $json"
    }
    return $json | Select-Object -Last 1 | ConvertFrom-Json
}
