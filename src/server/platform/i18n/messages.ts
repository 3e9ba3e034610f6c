/** Every error message the API can send, in both languages. Keys are the error/field codes. */
export type Locale = 'id' | 'en';
export const LOCALES: Locale[] = ['id', 'en'];

type Messages = Record<string, { id: string; en: string }>;

export const MESSAGES = {
  // request-level codes
  validation_failed: { id: 'Beberapa isian belum benar. Periksa kolom yang ditandai.', en: 'Some fields are not valid. Check the marked fields.' },
  malformed_json: { id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  body_too_large: { id: 'Data yang dikirim terlalu besar.', en: 'The request body is too large.' },
  unsupported_media_type: { id: 'Jenis isi permintaan tidak didukung; kirim JSON.', en: 'Unsupported content type; send JSON.' },
  unauthenticated: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  no_organization: { id: 'Pilih atau buat organisasi terlebih dahulu.', en: 'Choose or create an organisation first.' },
  forbidden: { id: 'Peran Anda tidak mengizinkan tindakan ini.', en: 'Your role does not allow this action.' },
  not_found: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  route_not_found: { id: 'Alamat API tidak dikenal.', en: 'Unknown API address.' },
  version_conflict: {
    id: 'Data ini telah diubah orang lain sejak Anda membukanya. Muat ulang lalu ulangi perubahan Anda.',
    en: 'Someone else changed this record since you opened it. Reload it and make your change again.',
  },
  invalid_credentials: { id: 'Email atau kata sandi salah.', en: 'Wrong email or password.' },
  wrong_password: { id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' },
  rate_limited: { id: 'Terlalu banyak percobaan. Coba lagi dalam {minutes} menit.', en: 'Too many attempts. Try again in {minutes} minutes.' },
  setup_done: { id: 'Gotong sudah disiapkan; silakan masuk.', en: 'Gotong is already set up; please sign in.' },
  email_taken: { id: 'Email ini sudah terdaftar.', en: 'This email is already registered.' },
  slug_taken: { id: 'Alamat singkat organisasi ini sudah dipakai.', en: 'This organisation short name is already taken.' },
  invitation_invalid: { id: 'Undangan tidak berlaku (sudah dipakai, dicabut atau kedaluwarsa).', en: 'This invitation is no longer valid (used, revoked or expired).' },
  invitation_email: { id: 'Undangan ini untuk alamat email lain.', en: 'This invitation is for another email address.' },
  already_member: { id: 'Orang ini sudah menjadi anggota.', en: 'This person is already a member.' },
  last_owner: { id: 'Organisasi harus tetap memiliki minimal satu pemilik.', en: 'The organisation must keep at least one owner.' },
  owner_only: { id: 'Hanya pemilik yang dapat memberi atau mengubah peran pemilik.', en: 'Only an owner can grant or change the owner role.' },
  confirm_nik_mismatch: {
    id: 'NIK tidak cocok dengan data lain. Periksa kembali, atau konfirmasi jika data sudah benar.',
    en: 'The NIK does not match other details. Check again, or confirm if the details are right.',
  },
  not_in_household: { id: 'Orang ini bukan anggota rumah tangga tersebut.', en: 'This person is not a member of that household.' },
  database_busy: {
    id: 'Basis data sedang dipakai oleh server Gotong yang berjalan (PID {pid}). Hentikan server dulu, atau gunakan API-nya.',
    en: 'The database is in use by a running Gotong server (PID {pid}). Stop the server first, or use its API.',
  },
  internal: { id: 'Terjadi kesalahan di server. Data Anda tidak berubah; coba lagi.', en: 'Something went wrong on the server. Nothing was changed; please try again.' },
  // field-level codes
  required: { id: 'Wajib diisi.', en: 'Required.' },
  invalid: { id: 'Nilai tidak sah.', en: 'Invalid value.' },
  invalid_type: { id: 'Jenis nilai salah.', en: 'Wrong type of value.' },
  too_short: { id: 'Terlalu pendek (minimal {min}).', en: 'Too short (at least {min}).' },
  too_long: { id: 'Terlalu panjang (maksimal {max}).', en: 'Too long (at most {max}).' },
  too_small: { id: 'Terlalu kecil (minimal {min}).', en: 'Too small (at least {min}).' },
  too_big: { id: 'Terlalu besar (maksimal {max}).', en: 'Too big (at most {max}).' },
  invalid_email: { id: 'Alamat email tidak sah.', en: 'Not a valid email address.' },
  invalid_phone: { id: 'Nomor telepon tidak sah (contoh: 0812 3456 7890).', en: 'Not a valid phone number (e.g. 0812 3456 7890).' },
  invalid_date: { id: 'Tanggal tidak sah (format TTTT-BB-HH).', en: 'Not a valid date (format YYYY-MM-DD).' },
  future_date: { id: 'Tanggal tidak boleh di masa depan.', en: 'The date cannot be in the future.' },
  invalid_uuid: { id: 'ID tidak sah.', en: 'Not a valid id.' },
  invalid_option: { id: 'Pilihan tidak dikenal.', en: 'Unknown option.' },
  invalid_slug: { id: 'Gunakan huruf kecil, angka dan tanda hubung (3–40 karakter).', en: 'Use lower-case letters, digits and hyphens (3–40 characters).' },
  unknown_field: { id: 'Kolom tidak dikenal.', en: 'Unknown field.' },
  invalid_area: { id: 'Kode wilayah Kemendagri tidak dikenal.', en: 'Unknown Kemendagri area code.' },
  nik_format: { id: 'NIK harus 16 angka.', en: 'The NIK must be 16 digits.' },
  nik_province: { id: 'Dua angka pertama NIK bukan kode provinsi yang ada.', en: 'The first two digits of the NIK are not a real province code.' },
  nik_regency: { id: 'Angka ke-3 dan ke-4 NIK bukan kode kabupaten/kota yang ada di provinsi itu.', en: 'Digits 3–4 of the NIK are not a real regency/city code in that province.' },
  nik_birth_date: { id: 'Tanggal lahir di dalam NIK (angka ke-7 sampai 12) tidak sah.', en: 'The birth date inside the NIK (digits 7–12) is not a valid date.' },
  nik_serial: { id: 'Empat angka terakhir NIK tidak boleh 0000.', en: 'The last four digits of the NIK cannot be 0000.' },
  nik_mismatch_sex: {
    id: 'NIK menunjukkan jenis kelamin {nikSex}, berbeda dengan yang diisi.',
    en: 'The NIK says the sex is {nikSex}, which differs from the one entered.',
  },
  nik_mismatch_birth_date: {
    id: 'NIK menunjukkan tanggal lahir {nikDate}, berbeda dengan yang diisi.',
    en: 'The NIK says the birth date is {nikDate}, which differs from the one entered.',
  },
  kk_format: { id: 'Nomor KK harus 16 angka.', en: 'The family card number must be 16 digits.' },
  // programs
  end_before_start: { id: 'Tanggal selesai tidak boleh sebelum tanggal mulai.', en: 'The end date cannot be before the start date.' },
  result_too_deep: { id: 'Kegiatan adalah tingkat terbawah kerangka hasil; tidak ada yang bisa ditambahkan di bawahnya.', en: 'Activities are the lowest level of the results framework; nothing can go under them.' },
  result_other_program: { id: 'Hasil induk ini milik program lain.', en: 'That parent result belongs to another program.' },
  indicator_code_taken: { id: 'Kode ini sudah dipakai indikator lain di program ini.', en: 'Another indicator of this program has this code.' },
  target_period: {
    id: 'Periode target harus tepat satu bulan, triwulan atau tahun sesuai frekuensi indikator (tanggal mulai sampai akhir periode).',
    en: "A target's period must be exactly one month, quarter or year, as the indicator's frequency says (from its first to its last day).",
  },
  target_overlap: { id: 'Periode target ini tumpang tindih dengan target lain.', en: 'This target period overlaps another target.' },
  target_range: { id: 'Nilai target di luar batas (persentase 0–100, ya/tidak 0 atau 1, tidak negatif).', en: 'The target is out of range (a percentage 0–100, yes/no 0 or 1, never negative).' },
  not_a_member: { id: 'Orang ini bukan anggota organisasi.', en: 'This person is not a member of the organisation.' },
  // issue log and tasks
  resolved_before_raised: { id: 'Tanggal selesai tidak boleh sebelum tanggal masalah dicatat.', en: 'The resolved date cannot be before the date the issue was raised.' },
  unknown_program: { id: 'Program tidak ditemukan.', en: 'No such program.' },
  link_not_in_program: { id: 'Pilih hasil, risiko atau isu dari program tugas ini.', en: "Choose a result, risk or issue of this task's program." },
  one_link_only: { id: 'Tugas hanya bisa ditautkan ke satu hal: hasil, risiko atau isu.', en: 'A task can be linked to one thing only: a result, a risk or an issue.' },
  comment_not_yours: { id: 'Hanya penulis komentar atau admin yang dapat menghapusnya.', en: "Only the comment's author or an admin can delete it." },
  // activities
  ends_before_starts: { id: 'Waktu selesai harus setelah waktu mulai.', en: 'The end must be after the start.' },
  cancel_reason_required: { id: 'Tulis alasan pembatalannya.', en: 'Say why it is cancelled.' },
  result_not_in_program: { id: 'Pilih hasil dari program yang dipilih.', en: 'Choose a result of the chosen program.' },
  range_too_long: { id: 'Rentang tanggal terlalu panjang (maksimal {max} hari).', en: 'The date range is too long (at most {max} days).' },
  repeat_end_required: { id: 'Pilih kapan pengulangan berakhir: pada tanggal tertentu atau setelah sekian kali.', en: 'Choose when the repeat ends: on a date or after a number of times.' },
  no_occurrences: { id: 'Aturan pengulangan ini tidak menghasilkan satu tanggal pun.', en: 'This repeat rule gives no dates at all.' },
  type_code_taken: { id: 'Kode jenis ini sudah dipakai.', en: 'This type code is already in use.' },
  invalid_time: { id: 'Jam tidak sah (format JJ:MM, mis. 09:00).', en: 'Not a valid time (format HH:MM, e.g. 09:00).' },
  // activity reports and uploaded files
  report_exists: { id: 'Kegiatan ini sudah punya laporan; muat ulang untuk melihatnya.', en: 'This activity already has a report; reload to see it.' },
  report_missing: { id: 'Tulis laporannya dulu, lalu tambahkan foto.', en: 'Write the report first, then add photos.' },
  too_many_photos: { id: 'Paling banyak {max} foto per laporan.', en: 'At most {max} photos per report.' },
  unsupported_file_type: { id: 'Jenis berkas ini tidak diterima (yang diterima: {types}).', en: 'This type of file is not accepted (accepted: {types}).' },
  file_type_mismatch: { id: 'Isi berkas tidak sesuai dengan jenisnya (mungkin namanya diganti?).', en: "The file's content does not match its type (was it renamed?)." },
  image_unreadable: { id: 'Gambar ini tidak dapat dibaca (berkasnya rusak?).', en: 'This image cannot be read (is the file damaged?).' },
  image_side_too_long: { id: 'Gambar terlalu besar (sisi terpanjang paling banyak {max} piksel).', en: 'The image is too large (at most {max} pixels on its longest side).' },
  image_png_too_large: { id: 'PNG dengan transparansi atau interlace paling besar {max} megapiksel. Simpan sebagai JPEG atau perkecil gambarnya.', en: 'A PNG with transparency or interlacing may have at most {max} megapixels. Save it as JPEG or make it smaller.' },
  image_16_bit: { id: 'PNG 16-bit tidak didukung. Simpan sebagai PNG 8-bit atau JPEG.', en: '16-bit PNGs are not supported. Save it as an 8-bit PNG or a JPEG.' },
  busy: { id: 'Server sedang membuat laporan lain. Coba lagi sebentar lagi.', en: 'The server is busy making other reports. Try again in a moment.' },
  image_too_many_pixels: { id: 'Gambar terlalu besar (maksimal {max} megapiksel).', en: 'The image is too large (at most {max} megapixels).' },
  invalid_currency: { id: 'Kode mata uang harus tiga huruf besar (mis. IDR).', en: 'The currency code must be three capital letters (e.g. IDR).' },
  // registration and attendance
  activity_cancelled: { id: 'Kegiatan ini dibatalkan; tidak bisa menerima pendaftaran atau kehadiran.', en: 'This activity is cancelled; it takes no registrations or check-ins.' },
  activity_deleted: { id: 'Kegiatan ini ada di tempat sampah; pulihkan dulu.', en: 'This activity is in the bin; restore it first.' },
  already_registered: { id: 'Orang ini sudah terdaftar di kegiatan ini.', en: 'This person is already registered for this activity.' },
  registration_cancelled: { id: 'Pendaftaran ini sudah dibatalkan; muat ulang.', en: 'This registration is already cancelled; reload.' },
  registration_active: { id: 'Pendaftaran ini tidak dibatalkan; muat ulang.', en: 'This registration is not cancelled; reload.' },
  registration_reviewed: { id: 'Pendaftaran ini sudah diperiksa; muat ulang.', en: 'This registration was already reviewed; reload.' },
  invalid_code: { id: 'Kode pendaftaran terdiri dari 10 huruf dan angka (tanpa 0, O, 1, I).', en: 'A registration code has 10 letters and digits (no 0, O, 1 or I).' },
  code_not_found: { id: 'Kode pendaftaran ini tidak dikenal.', en: 'This registration code is not known.' },
  code_cancelled: { id: 'Pendaftaran dengan kode ini sudah dibatalkan. Bila orangnya tetap boleh ikut, catat kehadirannya lewat pencarian nama.', en: 'The registration with this code was cancelled. If the person may still take part, check them in by searching their name.' },
  code_other_activity: { id: 'Kode ini untuk kegiatan lain: {title}.', en: 'This code is for another activity: {title}.' },
  person_not_found: { id: 'Orang ini tidak ada lagi di registri.', en: 'This person is no longer in the registry.' },
  link_not_found: { id: 'Tautan pendaftaran ini tidak berlaku (salah ketik, dimatikan, atau diganti). Tanyakan tautan yang benar kepada penyelenggara.', en: 'This registration link does not work (mistyped, switched off or replaced). Ask the organiser for the right link.' },
  registration_closed: { id: 'Pendaftaran untuk kegiatan ini sudah ditutup.', en: 'Registration for this activity is closed.' },
  form_too_fast: { id: 'Formulir terkirim terlalu cepat. Periksa isiannya lalu kirim lagi.', en: 'The form was sent very quickly. Check your answers and send it again.' },
  form_expired: { id: 'Halaman ini sudah terlalu lama terbuka. Muat ulang halaman lalu kirim lagi.', en: 'This page has been open too long. Reload it and send the form again.' },
  form_used: { id: 'Formulir ini sudah terkirim. Untuk mendaftarkan orang lain, buka tautan pendaftaran lagi.', en: 'This form has already been sent. To register someone else, open the registration link again.' },
  spam_suspected: { id: 'Formulir ini tidak dapat diterima. Muat ulang halaman lalu coba lagi.', en: 'This form could not be accepted. Reload the page and try again.' },
  consent_required: { id: 'Centang persetujuan agar data Anda boleh disimpan untuk kegiatan ini.', en: 'Tick the consent so your details may be kept for this activity.' },
  duplicate_entry: { id: 'Sudah ada di daftar.', en: 'Already in the list.' },
  mail_registration_subject: { id: 'Pendaftaran Anda: {title}', en: 'Your registration: {title}' },
  mail_registration_body: {
    id: 'Halo,\n\nAnda terdaftar untuk {title}.\nWaktu: {when}\nTempat: {place}\n\nKode pendaftaran Anda: {code}\nTunjukkan kode ini (atau kode QR di halaman konfirmasi) saat datang.\n\n{org}',
    en: 'Hello,\n\nYou are registered for {title}.\nWhen: {when}\nWhere: {place}\n\nYour registration code: {code}\nShow this code (or the QR code on the confirmation page) when you arrive.\n\n{org}',
  },
  mail_registration_waitlisted_subject: { id: 'Daftar tunggu: {title}', en: 'Waitlist: {title}' },
  mail_registration_waitlisted_body: {
    id: 'Halo,\n\n{title} sudah penuh. Anda masuk daftar tunggu dan akan mendapat tempat bila ada yang membatalkan.\nWaktu: {when}\nTempat: {place}\n\nKode pendaftaran Anda: {code}\n\n{org}',
    en: 'Hello,\n\n{title} is full. You are on the waitlist and will get a place if someone cancels.\nWhen: {when}\nWhere: {place}\n\nYour registration code: {code}\n\n{org}',
  },
  mail_registration_moved_up_subject: { id: 'Anda mendapat tempat: {title}', en: 'You have a place: {title}' },
  mail_registration_moved_up_body: {
    id: 'Halo {name},\n\nAda tempat yang kosong: Anda sekarang terdaftar untuk {title} (sebelumnya di daftar tunggu).\nWaktu: {when}\nTempat: {place}\n\nKode pendaftaran Anda: {code}\nTunjukkan kode ini saat datang. Bila tidak bisa hadir, kabari kami agar tempatnya bisa diberikan kepada orang lain.\n\n{org}',
    en: 'Hello {name},\n\nA place came free: you are now registered for {title} (you were on the waitlist).\nWhen: {when}\nWhere: {place}\n\nYour registration code: {code}\nShow this code when you arrive. If you cannot come, let us know so the place can go to someone else.\n\n{org}',
  },
  // bulk import
  invalid_sex: { id: 'Jenis kelamin tidak dikenal (gunakan L/P, laki-laki/perempuan).', en: 'Unknown sex (use M/F, male/female, or L/P).' },
  invalid_year: { id: 'Tahun tidak sah (empat angka, 1900–2100).', en: 'Not a valid year (four digits, 1900–2100).' },
  number_lost_digits: {
    id: 'Angka ini disimpan sebagai bilangan di spreadsheet sehingga angka terakhirnya hilang. Format kolom sebagai Teks lalu ketik ulang.',
    en: 'The spreadsheet stored this as a number and lost its last digits. Format the column as Text and type it again.',
  },
  invalid_relationship: { id: 'Hubungan keluarga tidak dikenal (mis. Kepala Keluarga, Istri, Anak).', en: 'Unknown family relationship (e.g. head, spouse, child).' },
  invalid_role: { id: 'Peran tidak dikenal (penerima manfaat, anggota, relawan, donatur, staf, kontak mitra).', en: 'Unknown role (beneficiary, member, volunteer, donor, staff, partner contact).' },
  invalid_tags: { id: 'Label terlalu panjang atau terlalu banyak.', en: 'Tags too long or too many.' },
  invalid_yes_no: { id: 'Isi dengan Ya atau Tidak.', en: 'Use Yes or No.' },
  area_ambiguous: { id: 'Nama wilayah ini ada di beberapa tempat; tambahkan kolom kecamatan/kabupaten atau pakai kode wilayah.', en: 'This area name exists in several places; add district/regency columns or use the area code.' },
  duplicate_in_file: {
    id: 'NIK yang sama sudah ada di baris sebelumnya dalam berkas ini; keduanya diimpor dan masuk antrean pemeriksaan duplikat.',
    en: 'The same NIK appears on an earlier row of this file; both are imported and queued for duplicate review.',
  },
  nik_exists: { id: 'Orang dengan NIK ini sudah ada di registri.', en: 'A person with this NIK is already in the registry.' },
  import_has_errors: { id: 'Berkas ini memiliki {count} baris bermasalah; tidak ada yang diimpor. Perbaiki berkasnya atau pilih impor baris yang benar saja.', en: 'This file has {count} bad rows; nothing was imported. Fix the file or choose to import the good rows only.' },
  goal_exists: { id: 'Program ini sudah punya tujuan; ubah tujuan yang ada.', en: 'This program already has a goal; change the one it has.' },
  result_parent_deleted: { id: 'Hasil induknya sudah dihapus; pulihkan induknya dulu.', en: 'Its parent result was deleted; restore the parent first.' },
  // results data
  value_required: { id: 'Isi nilainya.', en: 'Enter the value.' },
  value_range: { id: 'Nilai di luar rentang yang mungkin untuk jenis indikator ini.', en: 'This value is outside what this type of indicator allows.' },
  parts_dimension: { id: 'Indikator ini tidak dipilah menurut kategori ini.', en: 'This indicator is not broken down this way.' },
  parts_category: { id: 'Kategori tidak dikenal untuk pemilahan ini.', en: 'Unknown category for this breakdown.' },
  part_shape: { id: 'Bagian ini tidak sesuai dengan jenis indikatornya.', en: 'This part does not fit the indicator type.' },
  parts_exceed_total: { id: 'Jumlah bagian melebihi total.', en: 'The parts add up to more than the total.' },
  parts_below_total: { id: 'Jumlah bagian kurang dari total. Tulis alasannya (misalnya jenis kelamin sebagian peserta tidak tercatat).', en: 'The parts add up to less than the total. Say why (for example, some participants’ sex was not recorded).' },
  indicator_computed: { id: 'Nilai indikator ini dihitung otomatis dari data Gotong; tidak bisa diisi manual.', en: 'This indicator is computed from Gotong’s data; its values cannot be entered.' },
  computed_dimension: { id: 'Data ini tidak mencatat pemilahan tersebut.', en: 'This data does not record that breakdown.' },
  indicator_has_values: { id: 'Indikator ini sudah punya nilai yang diisi; hapus nilainya dulu sebelum menjadikannya terhitung otomatis.', en: 'This indicator already has entered values; delete them before making it computed.' },
  value_not_submitted: { id: 'Nilai ini sudah ditinjau; muat ulang.', en: 'This value was already reviewed; reload.' },
  reason_required: { id: 'Tulis alasan pengembaliannya.', en: 'Say why it is returned.' },
  too_many_files: { id: 'Paling banyak 10 berkas bukti per nilai.', en: 'At most 10 evidence files per value.' },
  age_band_overlap: { id: 'Kelompok umur ini tumpang tindih dengan kelompok sebelumnya.', en: 'This age band overlaps the one before.' },
  rule_order: { id: 'Batas "berisiko" tidak boleh lebih tinggi dari batas "sesuai jalur".', en: 'The "at risk" threshold cannot be above the "on track" one.' },
  import_state: { id: 'Impor ini sedang dalam tahap lain; muat ulang halaman.', en: 'This import is at another step; reload the page.' },
  mapping_needs_name: { id: 'Pilih kolom yang berisi nama lengkap.', en: 'Choose the column that holds the full name.' },
  mapping_column: { id: 'Kolom yang dipilih tidak ada di berkas.', en: 'The chosen column is not in the file.' },
  unreadable_file: { id: 'Berkas tidak dapat dibaca. Unggah CSV atau XLSX (Excel).', en: 'The file cannot be read. Upload a CSV or XLSX (Excel) file.' },
  empty_file: { id: 'Berkas kosong: tidak ada baris judul atau data.', en: 'The file is empty: no header row or data.' },
  no_sheet: { id: 'Berkas Excel ini tidak memiliki lembar kerja.', en: 'This Excel file has no worksheet.' },
  file_too_large: { id: 'Berkas terlalu besar (maksimal {max} MB).', en: 'The file is too large (at most {max} MB).' },
  too_many_attempts: { id: 'Pekerjaan ini gagal beberapa kali dan dihentikan.', en: 'This job failed several times and was stopped.' },
  // duplicates
  pair_decided: { id: 'Pasangan ini sudah diputuskan oleh orang lain; muat ulang.', en: 'Someone already decided on this pair; reload.' },
  merge_undone: { id: 'Penggabungan ini sudah dibatalkan.', en: 'This merge was already undone.' },
  pair_gone: { id: 'Salah satu orang dalam pasangan ini sudah dihapus atau digabung.', en: 'One of the two people was deleted or merged since.' },
  threshold_order: { id: 'Ambang tinjauan tidak boleh lebih tinggi dari ambang "kemungkinan besar".', en: 'The review threshold cannot be above the "likely" threshold.' },
  // exports
  unknown_column: { id: 'Kolom tidak dikenal: {column}.', en: 'Unknown column: {column}.' },
  export_too_large: { id: 'Daftar ini terlalu panjang untuk XLSX (maksimal {max} baris). Pilih CSV, atau persempit saringan.', en: 'This list is too long for XLSX (at most {max} rows). Choose CSV, or narrow the filters.' },
  // volunteers
  already_volunteer: { id: 'Orang ini sudah punya profil relawan.', en: 'This person already has a volunteer profile.' },
  volunteer_not_active: { id: 'Relawan ini tidak aktif; aktifkan profilnya dulu.', en: 'This volunteer is not active; make the profile active first.' },
  already_assigned: { id: 'Relawan ini sudah ditugaskan pada peran ini.', en: 'This volunteer already has this role.' },
  role_full: { id: 'Peran ini sudah terisi ({needed} orang).', en: 'This role is already filled ({needed} people).' },
  double_booked: {
    id: '{name} sudah bertugas pada waktu yang sama: {activity} ({when}). Seorang relawan tidak bisa berada di dua tugas sekaligus.',
    en: '{name} already has a shift at that time: {activity} ({when}). A volunteer cannot be in two shifts at once.',
  },
  activity_not_open: { id: 'Kegiatan ini dibatalkan atau sudah lewat; tidak bisa menerima relawan lagi.', en: 'This activity is cancelled or over; it takes no more volunteers.' },
  shift_outside_activity: { id: 'Waktu tugas harus berada di dalam waktu kegiatan.', en: 'The shift must be within the activity’s time.' },
  needed_below_assigned: { id: 'Sudah ada {count} relawan ditugaskan; kurangi penugasan dulu.', en: '{count} volunteers are already assigned; remove assignments first.' },
  hours_quarter: { id: 'Isi jam dalam kelipatan seperempat jam (mis. 1,5 atau 2,25).', en: 'Enter hours in quarters of an hour (e.g. 1.5 or 2.25).' },
  hours_reviewed: { id: 'Jam ini sudah ditinjau; muat ulang.', en: 'These hours were already reviewed; reload.' },
  reject_reason_required: { id: 'Tulis alasan penolakannya.', en: 'Say why it is rejected.' },
  too_many_documents: { id: 'Paling banyak 10 dokumen per relawan.', en: 'At most 10 documents per volunteer.' },
  too_many_pending: { id: 'Sudah ada banyak laporan jam yang menunggu persetujuan; tunggu staf memeriksanya.', en: 'Many reported hours are still waiting for approval; wait for staff to check them.' },
  not_your_shift: { id: 'Pilih kegiatan tempat Anda bertugas.', en: 'Choose an activity you had a shift at.' },
  shift_started: { id: 'Tugas yang sudah dimulai tidak bisa dibatalkan di sini; hubungi staf.', en: 'A shift that has started cannot be cancelled here; contact the staff.' },
  // budgets and expenses (issue 6)
  invalid_amount: { id: 'Jumlah tidak sah; tulis angka dengan titik sebagai pemisah desimal (mis. 1500000.50).', en: 'Invalid amount; write a number with a dot as the decimal point (e.g. 1500000.50).' },
  amount_too_large: { id: 'Jumlah terlalu besar.', en: 'The amount is too large.' },
  invalid_rate: { id: 'Kurs tidak sah; tulis angka positif (mis. 15850.25).', en: 'Invalid exchange rate; write a positive number (e.g. 15850.25).' },
  rate_required: { id: 'Isi kurs dari {from} ke {to} yang dipakai.', en: 'Enter the exchange rate used from {from} to {to}.' },
  budget_exists: { id: 'Program ini sudah punya anggaran.', en: 'This program already has a budget.' },
  budget_version_locked: { id: 'Versi anggaran ini terkunci karena sudah ada revisi; ubah versi terbaru.', en: 'This budget version is locked because a revision was made; change the latest version.' },
  budget_line_has_expenses: { id: 'Pos anggaran yang sudah punya pengeluaran tidak bisa dihapus.', en: 'A budget line with expenses cannot be removed.' },
  too_many_periods: { id: 'Terlalu banyak periode (paling banyak {max}); pilih periode yang lebih panjang.', en: 'Too many periods (at most {max}); choose a longer period.' },
  not_a_budget_period: { id: 'Periode ini di luar masa anggaran.', en: 'This period is outside the budget period.' },
  duplicate: { id: 'Muncul dua kali.', en: 'Appears twice.' },
  grant_not_for_program: { id: 'Hibah ini tidak terhubung dengan program ini.', en: 'This grant is not linked to this program.' },
  grant_category_not_allowed: { id: 'Hibah "{grant}" tidak boleh membiayai kategori {category}.', en: 'The grant "{grant}" may not fund the category {category}.' },
  no_budget: { id: 'Program ini belum punya anggaran.', en: 'This program has no budget yet.' },
  edited_expense: { id: 'Anda mengubah pengeluaran ini, jadi tidak bisa menyetujui atau menolaknya; minta anggota lain.', en: 'You changed this expense, so you cannot approve or reject it; ask another member.' },
  own_expense: { id: 'Anda tidak bisa menyetujui atau menolak pengeluaran yang Anda ajukan sendiri; minta anggota lain.', en: 'You cannot approve or reject an expense you submitted yourself; ask another member.' },
  not_your_expense: { id: 'Hanya pengaju atau penyetuju yang bisa mengubah pengeluaran ini.', en: 'Only the submitter or an approver can change this expense.' },
  expense_reviewed: { id: 'Pengeluaran ini sudah ditinjau; muat ulang.', en: 'This expense was already reviewed; reload.' },
  program_or_grant: { id: 'Pilih satu program atau satu hibah.', en: 'Choose one program or one grant.' },
  column_not_mapped: { id: 'Kolom ini belum dipilih.', en: 'No column is chosen for this.' },
  unreadable_csv: { id: 'Berkas CSV tidak bisa dibaca.', en: 'The CSV file cannot be read.' },
  too_many_rows: { id: 'Paling banyak {max} baris per impor.', en: 'At most {max} rows per import.' },
  nothing_to_import: { id: 'Tidak ada baris yang bisa diimpor; perbaiki kesalahannya dulu.', en: 'No row can be imported; fix the problems first.' },
  warn_line_overspent: { id: 'Pos "{line}" melebihi anggaran sebesar {over}.', en: 'The line "{line}" is overspent by {over}.' },
  warn_line_over_with_committed: { id: 'Pos "{line}" akan melebihi anggaran sebesar {over} bila pengeluaran yang diajukan disetujui.', en: 'The line "{line}" will be overspent by {over} if the submitted expenses are approved.' },
  warn_grant_underspent: { id: 'Hibah "{grant}" tidak akan habis terpakai sampai {end}: perkiraan {forecast} dari {budget} (kurang {short}).', en: 'The grant "{grant}" will not be spent by {end}: forecast {forecast} of {budget} ({short} left).' },
  // donations (issue 6 point 6)
  donor_required: { id: 'Pilih satu donatur: orang dari registri atau lembaga penyandang dana.', en: 'Choose one donor: a person of the registry or a funder organisation.' },
  goods_required: { id: 'Tuliskan barang yang disumbangkan.', en: 'Describe the goods given.' },
  pledge_other_donor: { id: 'Janji donasi ini milik donatur lain.', en: 'This pledge belongs to another donor.' },
  receipt_not_issued: { id: 'Kuitansi donasi ini belum diterbitkan.', en: 'No receipt has been issued for this gift yet.' },
  password_weak: { id: 'Kata sandi minimal 10 karakter.', en: 'The password must have at least 10 characters.' },
  // funding (issue 6)
  invalid_minor_amount: { id: 'Jumlah uang tidak sah (angka bulat dalam satuan terkecil mata uang).', en: 'Not a valid amount (a whole number in the currency’s smallest unit).' },
  funder_not_found: { id: 'Penyandang dana tidak ditemukan.', en: 'No such funder.' },
  person_already_funder: { id: 'Orang ini sudah tercatat sebagai penyandang dana.', en: 'This person is already recorded as a funder.' },
  person_individual_only: { id: 'Hanya penyandang dana perorangan yang dapat ditautkan ke orang di registri.', en: 'Only an individual funder can be linked to a person in the registry.' },
  opportunity_has_grant: { id: 'Peluang ini sudah menjadi hibah.', en: 'This opportunity already became a grant.' },
  opportunity_not_awarded: { id: 'Pindahkan peluang ke tahap Diterima sebelum membuat hibahnya.', en: 'Move the opportunity to Awarded before creating its grant.' },
} satisfies Messages;

export type MessageCode = keyof typeof MESSAGES;

const WORDS: Record<string, { id: string; en: string }> = {
  female: { id: 'perempuan', en: 'female' },
  male: { id: 'laki-laki', en: 'male' },
};

export function t(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const entry = (MESSAGES as Messages)[code] ?? MESSAGES.invalid;
  return entry[locale].replace(/\{(\w+)\}/g, (_, k) => {
    const v = params[k];
    if (v === undefined) return '';
    return WORDS[String(v)]?.[locale] ?? String(v);
  });
}

/** Accept-Language → 'id' | 'en'. Indonesian first: without a header the answer is Indonesian. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'id';
  const langs = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of langs) {
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
    if (tag.startsWith('en')) return 'en';
  }
  return 'id';
}
