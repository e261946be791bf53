BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
}

AfterAll { Stop-TestDaemon }

Describe 'Get-OmgStatus' {
    It 'writes one Omg.SystemStatus object' {
        $status = @(Get-OmgStatus -Socket $Socket)
        $status.Count | Should -Be 1
        $status[0] | Should -BeOfType ([Omg.SystemStatus])
    }

    It 'counts the fixture packages' {
        $status = Get-OmgStatus -Socket $Socket
        $status.TotalPackages | Should -BeGreaterOrEqual 4
        $status.TotalPackages | Should -BeOfType ([long])
        $status.ExplicitPackages | Should -BeLessOrEqual $status.TotalPackages
    }

    It 'gives runtime versions as objects, not tuples' {
        $status = Get-OmgStatus -Socket $Socket
        , $status.RuntimeVersions | Should -BeOfType ([Omg.RuntimeVersion[]])
        foreach ($runtime in $status.RuntimeVersions) {
            $runtime.Name | Should -Not -BeNullOrEmpty
            $runtime.Version | Should -Not -BeNullOrEmpty
        }
    }

    It 'names the upgradable packages it counts, ready for Get-OmgPackage' {
        $status = Get-OmgStatus -Socket $Socket
        $status.Upgradable.Count | Should -Be $status.UpdatesAvailable
        $status.Orphans.Count | Should -Be $status.OrphanPackages
        $status.Upgradable.Count | Should -BeGreaterThan 0 -Because 'the fixture tree has packages with newer candidates'
        foreach ($package in $status.Upgradable | Get-OmgPackage -Socket $Socket) {
            $package.CandidateVersion | Should -Not -Be $package.InstalledVersion
        }
    }

    It 'converts to JSON with named runtime fields' {
        $json = Get-OmgStatus -Socket $Socket | ConvertTo-Json -Depth 3
        $json | Should -Match '"TotalPackages"'
        $json | Should -Not -Match '"Item1"'
        ($json | ConvertFrom-Json).TotalPackages | Should -BeGreaterOrEqual 4
    }

    It 'formats as a table with the expected columns' {
        $table = Get-OmgStatus -Socket $Socket | Format-Table | Out-String
        foreach ($column in 'Packages', 'Updates', 'Vulnerabilities', 'Runtimes') {
            $table | Should -Match $column
        }
    }

    It 'says the vulnerability count is unknown, not 0, when no advisories are loaded' {
        $status = Get-OmgStatus -Socket $Socket
        $status.AdvisoriesLoaded | Should -BeFalse
        $status.SecurityVulnerabilities | Should -BeNullOrEmpty
        ($status | Format-Table | Out-String) | Should -Match 'unknown'
    }

    It 'shows the default property set in a list' {
        $list = Get-OmgStatus -Socket $Socket | Format-List | Out-String
        $list | Should -Match 'TotalPackages'
        $list | Should -Match 'Problems'
    }

    It 'is a terminating ConnectionError when no daemon answers' {
        $missing = New-TestSocketPath
        { Get-OmgStatus -Socket $missing } | Should -Throw -ErrorId 'OmgDaemonUnavailable,Omg.PowerShell.GetOmgStatusCommand'
    }

    Context 'Runbook' {
        # How an operator would use the module in a Pester runbook: the machine description must make sense.
        It 'reports a consistent system' {
            $status = Get-OmgStatus -Socket $Socket
            $status.TotalPackages | Should -BeGreaterThan 0 -Because 'the fixture tree has installed packages'
            $status.OrphanPackages | Should -BeLessOrEqual $status.TotalPackages
            $status.UpdatesAvailable | Should -BeLessOrEqual $status.TotalPackages
            if (-not $status.AdvisoriesLoaded) {
                $status.SecurityVulnerabilities | Should -BeNullOrEmpty -Because 'no advisories means nothing was checked, which is not the same as 0'
            }
        }
    }
}
