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

Describe 'The runbook in docs/cmdlets.md' {
    It 'runs as written with out/ on PSModulePath, and fails exactly the checks the fixture machine fails' {
        # The block after "A Pester runbook", verbatim: the doc and this test cannot drift apart.
        $doc = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'docs/cmdlets.md')
        $doc -match '(?s)A Pester runbook.*?```powershell[^\n]*\n(?<code>.*?)```' | Should -BeTrue -Because 'docs/cmdlets.md has the runbook'
        $runbook = Join-Path (Split-Path $Socket) 'machine.Tests.ps1'
        Set-Content -LiteralPath $runbook -Value $Matches.code

        $child = {
            param($OutDirectory, $Socket, $Pester, $Runbook)
            # As the doc says: the packaged module on the path, found by name; the runbook uses the default socket.
            $env:PSModulePath = $OutDirectory + [IO.Path]::PathSeparator + $env:PSModulePath
            $env:OMG_SOCKET = $Socket
            $env:OMG_NO_AUTOSTART = '1'
            Import-Module $Pester
            $run = Invoke-Pester -Path $Runbook -PassThru -Output None
            [pscustomobject]@{
                Module = (Get-Module Omg).ModuleBase
                Failed = @($run.Failed.ExpandedName | Sort-Object)
                Passed = @($run.Passed.ExpandedName | Sort-Object)
                Blocks = @($run.FailedBlocks.Name)
                Messages = @($run.Failed.ErrorRecord | ForEach-Object { "$_" })
            } | ConvertTo-Json -Compress
        }
        $pester = Join-Path (Get-Module Pester).ModuleBase 'Pester.psd1'
        $json = & dotnet $PwshDll -NoProfile -NonInteractive -Command $child -args (Join-Path $RepoRoot 'out'), $Socket, $pester, $runbook
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json

        $result.Blocks | Should -BeNullOrEmpty -Because 'Import-Module Omg in BeforeAll must find the module'
        $result.Module | Should -Be (Split-Path $PackagedManifest)
        $status = Get-OmgStatus -Socket $Socket
        $expectedFailures = @(
            if ($status.UpdatesAvailable -gt 0) { 'has no pending updates' }
            if ($status.OrphanPackages -gt 0) { 'has no orphaned packages' }
            if ($status.Problems) { 'reports no problems' }
        ) | Sort-Object
        $expectedFailures | Should -Not -BeNullOrEmpty -Because 'the fixture machine has pending updates, so the runbook has something to catch'
        $result.Failed | Should -Be $expectedFailures
        ($result.Failed.Count + $result.Passed.Count) | Should -Be 3
        # The pending-updates failure names the watched packages that have an update.
        ($result.Messages -join "`n") | Should -Match 'openssl 3\.0\.15-1~deb12u1 -> '
    }
}
