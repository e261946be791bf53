// The hand-written codec was compiled with this in Omg.Protocol; the copy kept here for comparison gets the same.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
