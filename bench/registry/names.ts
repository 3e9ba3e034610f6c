/**
 * Name pools for the synthetic registry, by naming tradition. Roughly in order of frequency:
 * the generator draws with a skew towards the front of each list, so a few names are very
 * common (as "Siti", "Sri" and "Muhammad" are) and most are rare.
 * Extends src/server/features/demo/names.ts, which is kept small for demo data.
 */
export type Region = 'javanese' | 'sundanese' | 'batak' | 'minang' | 'bugis' | 'balinese' | 'papuan' | 'minahasa' | 'aceh';

export type Pool = { male: string[]; female: string[]; family?: string[] };

export const ARABIC: Pool = {
  male: ['Muhammad', 'Ahmad', 'Abdul', 'Rizki', 'Nur', 'Ilham', 'Rahmat', 'Yusuf', 'Ibrahim', 'Ismail', 'Hasan', 'Umar', 'Ali', 'Fauzi', 'Ridwan', 'Syaiful', 'Zainal', 'Arifin', 'Hakim', 'Luthfi', 'Fadli', 'Hafiz', 'Faisal', 'Imron', 'Taufik', 'Zulkarnain', 'Mustofa', 'Sholeh', 'Anwar', 'Husein', 'Hamzah', 'Usman', 'Abdullah', 'Habibi', 'Nasrullah', 'Syamsul', 'Rohman', 'Khoirul', 'Amin', 'Fathurrahman'],
  female: ['Siti', 'Nur', 'Fatimah', 'Aisyah', 'Nurul', 'Aminah', 'Khadijah', 'Zainab', 'Halimah', 'Maryam', 'Rahmah', 'Salma', 'Zahra', 'Nabila', 'Annisa', 'Fitri', 'Laila', 'Rukayah', 'Hafsah', 'Azizah', 'Khairunnisa', 'Mutiara', 'Sholihah', 'Muthmainnah', 'Nurjanah', 'Umi', 'Kalsum', 'Aini', 'Jamilah', 'Hindun'],
};

export const POOLS: Record<Region, Pool> = {
  javanese: {
    male: ['Agus', 'Budi', 'Eko', 'Joko', 'Slamet', 'Bambang', 'Dwi', 'Tri', 'Wahyu', 'Teguh', 'Hadi', 'Sutrisno', 'Supriyadi', 'Heru', 'Sugeng', 'Suparman', 'Sukarno', 'Priyanto', 'Purwanto', 'Sigit', 'Bayu', 'Aditya', 'Rudi', 'Yudi', 'Sumarno', 'Mulyono', 'Margono', 'Widodo', 'Santoso', 'Prasetyo', 'Nugroho', 'Setiawan', 'Kurniawan', 'Hartono', 'Gunawan', 'Wibowo', 'Cahyono', 'Susilo', 'Puji', 'Fajar', 'Imam', 'Darmaji', 'Suyatno', 'Sarwono', 'Triyono', 'Haryanto', 'Wahyudi', 'Suroso', 'Giyanto', 'Tukiman', 'Paijo', 'Sudarsono', 'Mujiono', 'Jumadi', 'Suwarno', 'Dimas', 'Bagus', 'Galih', 'Yoga', 'Arya'],
    female: ['Sri', 'Siti', 'Dewi', 'Sulastri', 'Sumiati', 'Suryani', 'Rahayu', 'Lestari', 'Wulandari', 'Puji', 'Endang', 'Sumarni', 'Ngatini', 'Tumini', 'Parmi', 'Sukarti', 'Wahyuni', 'Kartini', 'Tri', 'Dwi', 'Eka', 'Ratna', 'Yuliana', 'Retno', 'Indah', 'Ayu', 'Purwati', 'Handayani', 'Astuti', 'Utami', 'Suharti', 'Mulyani', 'Setyowati', 'Rini', 'Tutik', 'Yanti', 'Murni', 'Sutini', 'Ernawati', 'Susanti', 'Winarti', 'Sukesi', 'Painem', 'Juwariyah', 'Novita', 'Putri', 'Anggraini', 'Kurniasih', 'Dian', 'Rina'],
    family: ['Santoso', 'Wijaya', 'Saputra', 'Pratama', 'Nugroho', 'Setiawan', 'Susanto', 'Kusuma', 'Purnomo', 'Wibowo', 'Prasetyo', 'Hartono', 'Gunawan', 'Hidayat', 'Firmansyah'],
  },
  sundanese: {
    male: ['Asep', 'Ujang', 'Dadang', 'Deden', 'Cecep', 'Dede', 'Ade', 'Jajang', 'Mamat', 'Iwan', 'Yayan', 'Dadan', 'Ajat', 'Engkos', 'Nana', 'Ucup', 'Wawan', 'Iding', 'Usep', 'Acep', 'Hendra', 'Dikdik', 'Aep', 'Encep', 'Oding', 'Endang', 'Agus', 'Rahmat', 'Yusuf', 'Irfan', 'Ridwan', 'Rudi', 'Dedi', 'Herman', 'Suryadi', 'Sopian', 'Apip', 'Emen', 'Ayi', 'Jeje'],
    female: ['Euis', 'Neneng', 'Imas', 'Enok', 'Cucu', 'Iis', 'Nining', 'Lilis', 'Teti', 'Yeni', 'Ai', 'Eneng', 'Dedeh', 'Siti', 'Nurhayati', 'Rina', 'Titin', 'Yati', 'Ela', 'Nia', 'Elis', 'Wiwin', 'Heni', 'Tati', 'Popon', 'Ani', 'Yuyun', 'Entin', 'Oneng', 'Mimin', 'Tini', 'Aas', 'Enung', 'Lia', 'Rika', 'Sri', 'Dewi', 'Ratna', 'Rosita', 'Yanti'],
    family: ['Sudrajat', 'Permana', 'Hidayat', 'Kusnadi', 'Suryana', 'Sutisna', 'Ruhiyat', 'Setiadi', 'Mulyana', 'Rohendi', 'Supriatna', 'Hermawan', 'Kurnia', 'Saepudin', 'Nurjaman'],
  },
  batak: {
    male: ['Togar', 'Poltak', 'Parulian', 'Hotman', 'Binsar', 'Maruli', 'Sahat', 'Tigor', 'Janner', 'Benny', 'Jonatan', 'Daniel', 'Samuel', 'Martin', 'Robert', 'Hendrik', 'Ferdinand', 'Jhonson', 'Sabar', 'Tongam', 'Bonar', 'Horas', 'Marihot', 'Ronald', 'Sudung', 'Torang', 'Rajainal', 'Frans', 'Erwin', 'Jefri'],
    female: ['Rosmawati', 'Tiurma', 'Sondang', 'Romauli', 'Nurmala', 'Lasma', 'Rotua', 'Dameria', 'Maria', 'Ruth', 'Debora', 'Lusiana', 'Erna', 'Herlina', 'Nova', 'Friska', 'Melati', 'Tiarma', 'Rosdiana', 'Mariani', 'Nurhayati', 'Evi', 'Juliana', 'Rasmi', 'Sarma'],
    family: ['Siregar', 'Hasibuan', 'Nasution', 'Lubis', 'Harahap', 'Simanjuntak', 'Sitompul', 'Pardede', 'Manurung', 'Sinaga', 'Simatupang', 'Situmorang', 'Panjaitan', 'Hutapea', 'Sihombing', 'Pasaribu', 'Tambunan', 'Nainggolan', 'Silalahi', 'Ginting', 'Sembiring', 'Tarigan', 'Purba', 'Damanik', 'Saragih', 'Lumban Gaol', 'Lumban Tobing', 'Hutagalung', 'Sitorus', 'Napitupulu'],
  },
  minang: {
    male: ['Yusrizal', 'Afrizal', 'Syafrizal', 'Zulkifli', 'Dasril', 'Hendri', 'Yulizar', 'Firdaus', 'Jasman', 'Nasrul', 'Rusdi', 'Syamsul', 'Asril', 'Buyung', 'Erizal', 'Amril', 'Darmawan', 'Edison', 'Yondri', 'Zulfikar', 'Masrul', 'Aidil', 'Rinaldi', 'Rahmat', 'Febri', 'Irwandi', 'Alfian', 'Dedi', 'Yurnalis', 'Zainal'],
    female: ['Yusnidar', 'Nurhayati', 'Rosna', 'Erniwati', 'Yelmi', 'Desmawati', 'Yulia', 'Fitria', 'Rahmi', 'Syafitri', 'Nurbaiti', 'Delima', 'Mardiana', 'Yusniar', 'Warnida', 'Yenti', 'Rosmaini', 'Elfi', 'Nurlela', 'Deswita', 'Siti', 'Yuliarti', 'Rahmawati', 'Nelmi', 'Zurniati'],
  },
  bugis: {
    male: ['Muhammad', 'Abdul', 'Syamsuddin', 'Hasanuddin', 'Alimuddin', 'Jufri', 'Rusli', 'Arifin', 'Baharuddin', 'Nurdin', 'Saharuddin', 'Sudirman', 'Amiruddin', 'Kamaruddin', 'Haeruddin', 'Ilham', 'Syahrir', 'Irwan', 'Baso', 'Ambo', 'Mustafa', 'Ridwan', 'Haris', 'Anwar', 'Jamaluddin', 'Rahman', 'Asri', 'Akbar', 'Fadli', 'Muhlis'],
    female: ['Sitti', 'Hasnah', 'Hasniah', 'Rosmiati', 'Nurhaeda', 'Hadijah', 'Haslinda', 'Sumarni', 'Nuraeni', 'Hamsiah', 'Ramlah', 'Mardiana', 'Salmiah', 'Juhaeni', 'Nurhayati', 'Asma', 'Marlina', 'Hasmawati', 'Syamsiah', 'Nurhidayah', 'Rosdiana', 'Indo', 'Besse', 'Megawati', 'Risnawati'],
  },
  balinese: {
    male: ['Sudarma', 'Suarta', 'Artawan', 'Mahendra', 'Adnyana', 'Sukadana', 'Wirawan', 'Darmawan', 'Suardana', 'Yasa', 'Arta', 'Budiasa', 'Gunawan', 'Eka', 'Agus', 'Wira', 'Sudiarta', 'Mertayasa', 'Astawa', 'Subagia', 'Widana', 'Suwitra', 'Parwata', 'Ardana', 'Suweta'],
    female: ['Sri', 'Ayu', 'Sukarini', 'Suartini', 'Ariani', 'Wahyuni', 'Dewi', 'Astiti', 'Sumerti', 'Sukerti', 'Ratih', 'Cahyani', 'Widiantari', 'Ari', 'Sudiani', 'Puspita', 'Candra', 'Yuliantari', 'Sriasih', 'Murniasih', 'Suastini', 'Mariani', 'Rusmini', 'Ekayanti', 'Darmini'],
  },
  papuan: {
    male: ['Yohanes', 'Yakobus', 'Markus', 'Petrus', 'Paulus', 'Yosias', 'Yulianus', 'Naftali', 'Obed', 'Elias', 'Frans', 'Benny', 'Otto', 'Yonas', 'Lukas', 'Simon', 'Hendrik', 'Daud', 'Musa', 'Yeremias', 'Agustinus', 'Nikolas', 'Stefanus', 'Matius', 'Filemon'],
    female: ['Maria', 'Yuliana', 'Martha', 'Ribka', 'Yosina', 'Fransina', 'Agustina', 'Kristina', 'Naomi', 'Selfina', 'Dorkas', 'Elisabeth', 'Ester', 'Debora', 'Sara', 'Yohana', 'Magdalena', 'Antonia', 'Ruth', 'Lea', 'Marice', 'Paulina', 'Adriana', 'Helena', 'Serlina'],
    family: ['Wenda', 'Rumbewas', 'Kogoya', 'Wonda', 'Tabuni', 'Murib', 'Yikwa', 'Rumaropen', 'Rumbiak', 'Mandowen', 'Kaisiepo', 'Yoku', 'Wanimbo', 'Karoba', 'Enembe', 'Waromi', 'Sawaki', 'Ayomi', 'Krey', 'Wakerkwa', 'Gobai', 'Pigai', 'Tebay', 'Douw', 'Magai'],
  },
  minahasa: {
    male: ['Johny', 'Ferry', 'Stevie', 'Jemmy', 'Rolly', 'Hendra', 'Michael', 'Alfred', 'Denny', 'Ronny', 'Frangky', 'Jeffry', 'Meiky', 'Novry', 'Recky', 'Youdi', 'Arnold', 'Herry', 'Noldy', 'Vecky'],
    female: ['Meiske', 'Olivia', 'Jeane', 'Lientje', 'Vivi', 'Deisy', 'Marlyn', 'Stella', 'Syane', 'Nova', 'Femmy', 'Grace', 'Ivone', 'Juliet', 'Meity', 'Anneke', 'Rinny', 'Tineke', 'Yulin', 'Jenny'],
    family: ['Mandagi', 'Laoh', 'Wowor', 'Rumengan', 'Sumampouw', 'Lumentut', 'Pangemanan', 'Tumbelaka', 'Kaunang', 'Mamahit', 'Sondakh', 'Lengkong', 'Rondonuwu', 'Walangitan', 'Tambuwun', 'Supit', 'Karundeng', 'Rompas', 'Sumolang', 'Wenas'],
  },
  aceh: {
    male: ['Muhammad', 'Teuku', 'Zulkifli', 'Fadhil', 'Mukhlis', 'Rizal', 'Saiful', 'Munawar', 'Nasruddin', 'Marzuki', 'Ismail', 'Husaini', 'Azhar', 'Iskandar', 'Jafar', 'Khairul', 'Ridwan', 'Hasballah', 'Murdani', 'Safrizal'],
    female: ['Cut', 'Nurhayati', 'Rosmiati', 'Fatimah', 'Nurul', 'Rahmawati', 'Salmiah', 'Maimunah', 'Nurmala', 'Zuraida', 'Khairiah', 'Mardhiah', 'Fitriani', 'Rosnani', 'Nurjannah', 'Asmaul', 'Zahara', 'Hayati', 'Safrida', 'Rauzah'],
  },
};

/** Names of younger people everywhere. */
export const MODERN: Pool = {
  male: ['Aditya', 'Rizky', 'Dimas', 'Fajar', 'Bagus', 'Arya', 'Reza', 'Rafi', 'Farhan', 'Kevin', 'Daffa', 'Alif', 'Raka', 'Galih', 'Yoga', 'Dani', 'Fikri', 'Gilang', 'Rendi', 'Bima', 'Naufal', 'Rangga', 'Satria', 'Zidan', 'Haikal'],
  female: ['Putri', 'Nabila', 'Aulia', 'Salsabila', 'Aprilia', 'Dinda', 'Cindy', 'Intan', 'Melati', 'Anisa', 'Citra', 'Amelia', 'Tiara', 'Vina', 'Nadia', 'Zahra', 'Keisya', 'Aqila', 'Syifa', 'Alya', 'Najwa', 'Safira', 'Bunga', 'Rara', 'Nayla'],
  family: ['Pratama', 'Saputra', 'Ramadhan', 'Putra', 'Putri', 'Maharani', 'Anggraeni', 'Permata', 'Wijaya', 'Kusuma'],
};

/** Very common full names: many different people carry them. */
export const COMMON_FULL: Pool = {
  male: ['Muhammad Rizki', 'Ahmad Fauzi', 'Budi Santoso', 'Agus Setiawan', 'Muhammad Ilham', 'Rizky Pratama', 'Eko Prasetyo', 'Muhammad Fajar', 'Agus Salim', 'Dedi Kurniawan'],
  female: ['Siti Aminah', 'Siti Nurhaliza', 'Sri Wahyuni', 'Nur Aini', 'Dewi Lestari', 'Siti Fatimah', 'Sri Rahayu', 'Siti Khodijah', 'Nurul Hidayah', 'Sri Mulyani'],
};

/** Balinese birth-order names: first, second, third, fourth child (then again). */
export const BALI_ORDER = [
  ['Wayan', 'Putu', 'Gede'],
  ['Made', 'Kadek'],
  ['Nyoman', 'Komang'],
  ['Ketut'],
];

export const STREETS = ['Melati', 'Mawar', 'Kenanga', 'Flamboyan', 'Cempaka', 'Anggrek', 'Merdeka', 'Pahlawan', 'Diponegoro', 'Sudirman', 'Kartini', 'Veteran', 'Masjid', 'Pasar', 'Raya', 'Mangga', 'Kelapa', 'Beringin', 'Sukamaju', 'Harapan'];
export const HAMLETS = ['Krajan', 'Kulon', 'Wetan', 'Lor', 'Kidul', 'Tengah', 'Sukamaju', 'Sukasari', 'Mekarsari', 'Cibodas', 'Pasir', 'Kampung Baru', 'Tanjung', 'Lembah', 'Bukit'];
