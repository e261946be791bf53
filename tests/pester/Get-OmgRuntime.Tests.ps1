BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
    $script:All = @(Get-OmgRuntime -Socket $script:Socket)
}

AfterAll { Stop-TestDaemon }

Describe 'Get-OmgRuntime' {
    It 'writes Omg.Runtime objects' {
        # The fixture tree has runtimes (its Python below): an empty list would make this loop check nothing.
        $All.Count | Should -BeGreaterThan 0
        foreach ($runtime in $All) {
            $runtime | Should -BeOfType ([Omg.Runtime])
            $runtime.IsDefault | Should -BeOfType ([bool])
        }
    }

    It 'finds the fixture tree''s Python (usr/bin/python3.11, version from its patchlevel.h)' {
        $python = @($All | Where-Object Name -EQ 'python')
        $python.Count | Should -Be 1
        $python[0].Version | Should -Be '3.11.2'
        $python[0].Path | Should -Be '/usr/bin/python3.11'
    }

    It 'selects by name, by position and from the pipeline' {
        $name = $All[0].Name
        (Get-OmgRuntime -Name $name -Socket $Socket).Name | Should -Contain $name
        (Get-OmgRuntime $name -Socket $Socket).Name | Should -Contain $name
        ($name | Get-OmgRuntime -Socket $Socket).Name | Should -Contain $name
        ($All[0] | Get-OmgRuntime -Socket $Socket).Name | Should -Contain $name
    }

    It 'filters with wildcards' {
        $name = $All[0].Name
        (Get-OmgRuntime "$($name.Substring(0, 1))*" -Socket $Socket).Name | Should -Contain $name
    }

    It 'is silent when a wildcard matches nothing' {
        Get-OmgRuntime 'no-such-runtime*' -Socket $Socket -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'writes ObjectNotFound for a literal name that matches nothing' {
        Get-OmgRuntime 'no-such-runtime' -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'OmgRuntimeNotFound,Omg.PowerShell.GetOmgRuntimeCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'no-such-runtime'
    }

    It 'formats as a table with the expected columns' {
        $sample = [Omg.Runtime]@{ Name = 'python'; Version = '3.11.2'; Path = '/usr/bin/python3'; Manager = 'dpkg'; IsDefault = $true }
        $table = $sample | Format-Table | Out-String
        foreach ($column in 'Name', 'Version', 'IsDefault', 'Manager', 'Path') {
            $table | Should -Match $column
        }
    }
}
