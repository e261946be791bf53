BeforeAll {
    . (Join-Path $PSScriptRoot 'Omg.Tests.Setup.ps1') -WithDaemon
}

AfterAll { Stop-TestDaemon }

Describe 'Get-OmgPackage' {
    Context 'Binding' {
        It 'takes names by name' {
            (Get-OmgPackage -Name vim, openssl -Socket $Socket).Name | Should -Be @('vim', 'openssl')
        }

        It 'takes names by position' {
            (Get-OmgPackage curl -Socket $Socket).Name | Should -Be 'curl'
        }

        It 'takes strings from the pipeline by value' {
            ('vim', 'curl' | Get-OmgPackage -Socket $Socket).Name | Should -Be @('vim', 'curl')
        }

        It 'takes search results from the pipeline by property name' {
            $details = Find-OmgPackage ssl -Socket $Socket | Get-OmgPackage -Socket $Socket
            $details.Name | Should -Contain 'openssl'
            $details.Name | Should -Contain 'libssl3'
            $details | ForEach-Object { $_ | Should -BeOfType ([Omg.PackageDetail]) }
        }

        It 'takes the -Package alias' {
            (Get-OmgPackage -Package vim -Socket $Socket).Name | Should -Be 'vim'
        }

        It 'sends a whole pipeline as one batch' {
            $before = ((Get-OmgDaemon -Socket $Socket).Requests | Where-Object Name -eq 'Batch').Count
            'vim', 'vim-tiny', 'openssl', 'libssl3', 'curl' | Get-OmgPackage -Socket $Socket | Should -HaveCount 5
            $after = ((Get-OmgDaemon -Socket $Socket).Requests | Where-Object Name -eq 'Batch').Count
            ($after - [int]$before) | Should -Be 1
        }
    }

    Context 'Wildcards' {
        It 'expands a wildcard to the matching packages' {
            (Get-OmgPackage 'vim*' -Socket $Socket).Name | Sort-Object | Should -Be @('vim', 'vim-common', 'vim-gtk3', 'vim-runtime', 'vim-tiny')
        }

        It 'matches a wildcard without regard to case' {
            (Get-OmgPackage '*SSL3' -Socket $Socket).Name | Should -Be 'libssl3'
        }

        It 'is silent when a wildcard matches nothing' {
            $out = Get-OmgPackage 'no-such-package*' -Socket $Socket -ErrorVariable errors
            $out | Should -BeNullOrEmpty
            $errors | Should -BeNullOrEmpty
        }

        Context 'With more matches than one search page holds' {
            BeforeAll {
                # 1,200 lib-* packages and a tool-* one in ten whose description mentions a library: the search for
                # "lib" has 1,320 hits, over the 1,000 of a page, and the wildcard must keep only the names it matches.
                $script:BigRoot = Join-Path ([System.IO.Path]::GetTempPath()) ('omg-pester-big-' + [guid]::NewGuid().ToString('N'))
                $null = New-Item -ItemType Directory -Path (Join-Path $BigRoot 'var/lib/dpkg') -Force
                $status = [System.Text.StringBuilder]::new()
                foreach ($i in 0..1199) {
                    $null = $status.Append("Package: lib-$('{0:D4}' -f $i)`nStatus: install ok installed`nArchitecture: amd64`nVersion: 1.0`nDescription: generated $i`n`n")
                    if ($i % 10 -eq 0) {
                        $null = $status.Append("Package: tool-$('{0:D4}' -f $i)`nStatus: install ok installed`nArchitecture: amd64`nVersion: 1.0`nDescription: uses a library`n`n")
                    }
                }
                [System.IO.File]::WriteAllText((Join-Path $BigRoot 'var/lib/dpkg/status'), $status.ToString())
                # The default rate limits stay: the cmdlet has to pace its 1,200 Info requests to them.
                $script:BigDaemon = Start-TestDaemon -ExtraArguments @('--root', $BigRoot)
            }

            AfterAll {
                Stop-TestDaemon $BigDaemon
                Remove-Item -LiteralPath $BigRoot -Recurse -Force -ErrorAction SilentlyContinue
            }

            It 'returns every match, without tripping the rate limit' {
                $all = Get-OmgPackage 'lib-*' -Socket $BigDaemon.Socket -ErrorVariable errors -WarningVariable warnings
                $errors | Should -BeNullOrEmpty
                $warnings | Should -BeNullOrEmpty
                $all | Should -HaveCount 1200
                ($all.Name | Sort-Object -Unique) | Should -HaveCount 1200
                $all[0] | Should -BeOfType ([Omg.PackageDetail])
            }

            It 'cuts a wildcard at -Limit, the first by name, with a warning naming the count' {
                $some = Get-OmgPackage 'lib-*' -Limit 5 -Socket $BigDaemon.Socket -WarningVariable warnings -WarningAction SilentlyContinue
                $some.Name | Should -Be @('lib-0000', 'lib-0001', 'lib-0002', 'lib-0003', 'lib-0004')
                $warnings | Should -HaveCount 1
                "$($warnings[0])" | Should -Match "'lib-\*' matches 1200 packages"
            }

            It 'never cuts literal names, and stays silent when -Limit is not reached' {
                $out = Get-OmgPackage 'tool-000*', 'lib-0007', 'lib-0008' -Limit 20 -Socket $BigDaemon.Socket -WarningVariable warnings
                $out.Name | Should -Be @('tool-0000', 'lib-0007', 'lib-0008')
                $warnings | Should -BeNullOrEmpty
            }
        }

        It 'refuses a wildcard with no literal text' {
            Get-OmgPackage '*' -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'OmgInvalidArgument,*'
        }
    }

    Context 'Errors' {
        It 'writes a non-terminating ObjectNotFound error with suggestions for a missing name' {
            $out = Get-OmgPackage vimm, curl -Socket $Socket -ErrorVariable errors -ErrorAction SilentlyContinue
            $out.Name | Should -Be 'curl'
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'OmgPackageNotFound,Omg.PowerShell.GetOmgPackageCommand'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errors[0].TargetObject | Should -Be 'vimm'
            $errors[0].ToString() | Should -Match 'vim'
        }

        It 'stops on a missing name with -ErrorAction Stop' {
            { Get-OmgPackage vimm -Socket $Socket -ErrorAction Stop } | Should -Throw -ErrorId 'OmgPackageNotFound,Omg.PowerShell.GetOmgPackageCommand'
        }
    }

    Context 'Output' {
        It 'keeps sizes as numbers and lists as string arrays' {
            $vim = Get-OmgPackage vim -Socket $Socket
            $vim.Size | Should -BeOfType ([long])
            $vim.DownloadSize | Should -BeOfType ([long])
            # Lists that behave as arrays in scripts and print as text: Export-Csv writes a property's ToString().
            , $vim.Depends | Should -BeOfType ([Omg.TextList])
            , $vim.Licenses | Should -BeOfType ([Omg.TextList])
            $vim.Depends.Count | Should -BeGreaterThan 1
            $vim.Depends[0] | Should -BeOfType ([string])
            $vim.Depends -contains $vim.Depends[-1] | Should -BeTrue
            ([string[]]$vim.Depends).Count | Should -Be $vim.Depends.Count
            "$($vim.Depends)" | Should -Be ($vim.Depends -join ' ')
            $vim.Depends.ToString() | Should -Be ($vim.Depends -join ', ')
        }

        It 'exports list-valued properties as readable text, not a type name' {
            $path = Join-Path $TestDrive 'lists.csv'
            $vim = Get-OmgPackage vim -Socket $Socket
            $vim | Export-Csv -LiteralPath $path
            $row = Import-Csv -LiteralPath $path
            $row.Depends | Should -Be ($vim.Depends -join ', ')
            $row.Depends | Should -Not -Match 'System\.'
            $row.Licenses | Should -Be ($vim.Licenses -join ', ')
            (Get-OmgStatus -Socket $Socket | ConvertTo-Csv | ConvertFrom-Csv).Upgradable | Should -Be ((Get-OmgStatus -Socket $Socket).Upgradable -join ', ')
        }

        It 'sorts, groups and exports' {
            $sorted = Get-OmgPackage vim, vim-tiny, openssl -Socket $Socket | Sort-Object Size
            $sorted[0].Size | Should -BeLessOrEqual $sorted[-1].Size
            (Get-OmgPackage vim, curl -Socket $Socket | Group-Object Installed).Count | Should -BeGreaterThan 0
            $path = Join-Path $TestDrive 'packages.csv'
            Get-OmgPackage vim, curl -Socket $Socket | Export-Csv -LiteralPath $path
            (Import-Csv -LiteralPath $path).Name | Should -Be @('vim', 'curl')
        }

        It 'formats as a table with the expected columns' {
            $table = Get-OmgPackage vim -Socket $Socket | Format-Table | Out-String
            foreach ($column in 'Name', 'Version', 'Source', 'Installed', 'Size', 'Description') {
                $table | Should -Match $column
            }
        }
    }

    Context 'Completion' {
        It 'completes -Name with package names from the daemon' {
            $line = "Get-OmgPackage -Socket '$Socket' -Name opens"
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Should -Contain 'openssl'
        }

        It 'completes nothing when no daemon answers' {
            # The completer's bounded wait is tested in xunit (SuggestCompleterTests); here: no error, no names.
            $line = "Get-OmgPackage -Socket '$(New-TestSocketPath)' -Name opens"
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            @($completion.CompletionMatches | ForEach-Object CompletionText) | Should -Not -Contain 'openssl'
        }
    }
}
