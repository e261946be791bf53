BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1')
    $script:Module = Get-Module Omg
}

Describe 'The Omg module' {
    It 'loads from the repository manifest and exports exactly its cmdlets' {
        $Module | Should -Not -BeNullOrEmpty
        $Module.Version | Should -Be ([version]'0.1.0')
        $expected = (Import-PowerShellDataFile (Join-Path $RepoRoot 'Omg.psd1')).CmdletsToExport | Sort-Object
        ($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $expected
    }

    It 'has full help with examples for <_>' -ForEach @(
        'Find-OmgPackage', 'Get-OmgPackage', 'Get-OmgSuggestion', 'Get-OmgStatus',
        'Get-OmgRuntime', 'Start-OmgDaemon', 'Stop-OmgDaemon', 'Get-OmgDaemon',
        'Invoke-OmgAudit', 'Update-OmgAdvisory', 'Get-OmgModule', 'Invoke-OmgModule') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+ \[' -Because 'a synopsis that is a syntax line means the help file was not found'
        $help.description | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        $declared = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }
        foreach ($parameter in $declared) {
            ($help.parameters.parameter | Where-Object name -eq $parameter).description | Should -Not -BeNullOrEmpty -Because "-$parameter must be documented"
        }
    }

    It 'has an about topic' {
        Get-Help about_Omg | Out-String | Should -Match 'Find-OmgPackage'
    }
}
