BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
}

AfterAll { Stop-TestDaemon }

Describe 'Find-OmgPackage' {
    Context 'Binding' {
        It 'takes the query by name' {
            $found = Find-OmgPackage -Query ssl -Socket $Socket
            $found.Name | Should -Contain 'openssl'
            $found.Name | Should -Contain 'libssl3'
        }

        It 'takes the query by position' {
            (Find-OmgPackage vim -Socket $Socket).Name | Should -Contain 'vim-tiny'
        }

        It 'takes queries from the pipeline' {
            $found = 'vim', 'curl' | Find-OmgPackage -Socket $Socket
            $found.Name | Should -Contain 'vim'
            $found.Name | Should -Contain 'curl'
        }

        It 'returns at most -Limit packages' {
            @(Find-OmgPackage vim -Limit 1 -Socket $Socket).Count | Should -Be 1
        }

        It 'refuses a -Limit out of range before asking the daemon' {
            { Find-OmgPackage vim -Limit 0 -Socket $Socket } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Omg.PowerShell.FindOmgPackageCommand'
        }

        It 'filters by -Source with wildcards' {
            $sources = @((Find-OmgPackage ssl -Socket $Socket).Source | Sort-Object -Unique)
            @(Find-OmgPackage ssl -Source 'no-such-source' -Socket $Socket).Count | Should -Be 0
            @(Find-OmgPackage ssl -Source "$($sources[0].Substring(0, 1))*" -Socket $Socket).Count | Should -BeGreaterThan 0
        }

        It 'has omgd apply -Source before -Limit, ignoring case' {
            $found = @(Find-OmgPackage ssl -Source APT -Limit 1 -Socket $Socket)
            $found.Count | Should -Be 1
            $found[0].Source | Should -Be 'apt'
        }

        It 'keeps only installed packages with -Installed, before -Limit' {
            # The fixture has vim installed, and vim-gtk3 and neovim (which rank among vim's hits) not.
            $all = @(Find-OmgPackage vim -Limit 1000 -Socket $Socket)
            $installed = @(Find-OmgPackage vim -Installed -Limit 1000 -Socket $Socket)
            @($all | Where-Object { -not $_.Installed }).Name | Should -Contain 'neovim'
            $installed.Count | Should -Be @($all | Where-Object Installed).Count
            $installed.Name | Should -Contain 'vim'
            $installed.Name | Should -Not -Contain 'neovim'
            $installed | ForEach-Object { $_.Installed | Should -BeTrue }
            @(Find-OmgPackage vim -Installed -Limit 1 -Socket $Socket)[0].Installed | Should -BeTrue
        }
    }

    Context 'Output' {
        It 'writes Omg.Package objects with plain properties' {
            $package = Find-OmgPackage openssl -Socket $Socket | Where-Object Name -eq 'openssl'
            $package | Should -BeOfType ([Omg.Package])
            $package.Name | Should -BeOfType ([string])
            $package.Installed | Should -BeOfType ([bool])
        }

        It 'formats as a table with the expected columns' {
            $table = Find-OmgPackage ssl -Socket $Socket | Format-Table | Out-String
            foreach ($column in 'Name', 'Version', 'Source', 'Installed', 'Description') {
                $table | Should -Match $column
            }
        }

        It 'exports to CSV and JSON without nested objects' {
            $csv = Find-OmgPackage ssl -Socket $Socket | ConvertTo-Csv | ConvertFrom-Csv
            $csv[0].PSObject.Properties.Name | Should -Be @('Name', 'Version', 'Description', 'Source', 'Installed')
            $json = Find-OmgPackage ssl -Socket $Socket | ConvertTo-Json | ConvertFrom-Json
            $json[0].Name | Should -Not -BeNullOrEmpty
        }
    }

    Context 'Errors' {
        It 'is a terminating ConnectionError when no daemon answers and none may be started' {
            $missing = New-TestSocketPath
            $err = { Find-OmgPackage vim -Socket $missing } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OmgDaemonUnavailable,*'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.Exception.Message | Should -Match ([regex]::Escape($missing))
        }
    }

    Context 'Completion' {
        It 'completes -Query with package names from the daemon' {
            $line = "Find-OmgPackage -Socket '$Socket' -Query vim-t"
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Should -Contain 'vim-tiny'
        }

        It 'completes -Source with the sources omgd indexes' {
            $line = 'Find-OmgPackage ssl -Source p'
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            @($completion.CompletionMatches.CompletionText) | Should -Be 'pypi'
        }
    }
}
