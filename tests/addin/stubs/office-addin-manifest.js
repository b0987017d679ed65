// office-addin-mock 4 needs only the OfficeApp enum from office-addin-manifest, whose real
// package pulls ESM-only dependencies Jest 30 cannot load as CommonJS.
module.exports = {
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
};
