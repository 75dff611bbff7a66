package corpus

// VersionDate is the date that orders the versions of one text, newest
// first: the file name's (YYYY-MM-DD) suffix when there is one, else
// Published. china-law-db repeats the first promulgation date in every
// version's Published, so this is the date that tells versions apart.
func VersionDate(d *Document) string { return versionDate(d) }
