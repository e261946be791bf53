# The module as it would ship: build.ps1 -Package's out/Omg/<version>/ (test.sh lays it out before Pester runs),
# imported in a clean pwsh that has never seen the repository's manifest.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
    $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'Omg.psd1')).ModuleVersion
    $script:PackagedManifest = Join-Path $RepoRoot "out/Omg/$version/Omg.psd1"
    $script:PwshDll = Join-Path $PSHOME 'pwsh.dll'
}

AfterAll { Stop-TestDaemon }

Describe 'The packaged module' {
    It 'is laid out by build.ps1 -Package and passes Test-ModuleManifest' {
        $PackagedManifest | Should -Exist -Because 'test.sh runs build.ps1 -Package before Pester'
        $info = Test-ModuleManifest -Path $PackagedManifest
        $info.Version | Should -Be ([version](Import-PowerShellDataFile (Join-Path $RepoRoot 'Omg.psd1')).ModuleVersion)
        Join-Path (Split-Path $PackagedManifest) 'System.Management.Automation.dll' | Should -Not -Exist
        Join-Path (Split-Path $PackagedManifest) 'Dependencies/omgd.dll' | Should -Exist
        # No script module to run on import: the manifest loads the cmdlet assembly beside it.
        (Import-PowerShellDataFile $PackagedManifest).RootModule | Should -Be 'Omg.PowerShell.dll'
        Join-Path (Split-Path $PackagedManifest) 'Omg.psm1' | Should -Not -Exist
    }

    It 'imports in a clean pwsh, documents every cmdlet and answers one call of each' {
        # The child gets the socket, nothing else: no profile, no repository manifest on its path.
        $script = {
            param($Manifest, $Socket)
            $ErrorActionPreference = 'Stop'
            $env:OMG_NO_AUTOSTART = '1'
            Import-Module $Manifest
            $module = Get-Module Omg
            $undocumented = foreach ($name in $module.ExportedCmdlets.Keys) {
                $help = Get-Help $name -Full
                if (-not $help.description -or @($help.examples.example).Count -lt 1) { $name }
            }
            [pscustomobject]@{
                Path         = $module.ModuleBase
                Cmdlets      = @($module.ExportedCmdlets.Keys | Sort-Object)
                Undocumented = @($undocumented)
                Search       = @((Find-OmgPackage vim -Socket $Socket).Name)
                Detail       = (Get-OmgPackage openssl -Socket $Socket).InstalledVersion
                Suggest      = @(Get-OmgSuggestion opnssl -Socket $Socket)
                Status       = (Get-OmgStatus -Socket $Socket).TotalPackages
                Runtime      = @((Get-OmgRuntime -Socket $Socket).Name)
                Daemon       = (Get-OmgDaemon -Socket $Socket).Reachable
                StartWhatIf  = @(Start-OmgDaemon -Socket $Socket -WhatIf).Count
                StopWhatIf   = @(Stop-OmgDaemon -Socket $Socket -WhatIf).Count
            } | ConvertTo-Json -Compress
        }
        $json = & dotnet $PwshDll -NoProfile -NonInteractive -Command $script -args $PackagedManifest, $Socket
        $LASTEXITCODE | Should -Be 0
        # -WhatIf writes its "What if:" lines to the host, which is stdout here; the JSON is the last line.
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json

        $result.Path | Should -Be (Split-Path $PackagedManifest)
        $result.Cmdlets | Should -Be @((Import-PowerShellDataFile $PackagedManifest).CmdletsToExport | Sort-Object)
        $result.Undocumented | Should -BeNullOrEmpty
        $result.Search | Should -Contain 'vim'
        $result.Detail | Should -Be '3.0.15-1~deb12u1'
        $result.Suggest | Should -Contain 'openssl'
        $result.Status | Should -Be (Get-OmgStatus -Socket $Socket).TotalPackages
        $result.Runtime | Should -Contain 'python'
        $result.Daemon | Should -BeTrue
        $result.StartWhatIf | Should -Be 0
        $result.StopWhatIf | Should -Be 0
        (Get-OmgDaemon -Socket $Socket).Reachable | Should -BeTrue -Because '-WhatIf stopped nothing'
    }
}
