"""Ordinary people's names of thirteen naming traditions, for ``false_alarms.py``: each
tradition's common given names with its common family names, every pairing (given name first, as
files write most names). Common names, not listed people's: a screening that flags many of them
alarms on every customer base of people."""

from __future__ import annotations

PEOPLE: dict[str, tuple[list[str], list[str]]] = {
    "english": (
        ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
         "William", "Barbara", "Richard", "Susan", "Thomas", "Karen", "Daniel", "Nancy", "Matthew", "Lisa",
         "Anthony", "Sarah", "Mark", "Emily", "Paul", "Laura", "Steven", "Rachel", "Kevin", "Amy"],
        ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
         "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
         "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
         "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker"],
    ),
    "spanish": (
        ["Jose", "Maria", "Juan", "Carmen", "Luis", "Ana", "Carlos", "Laura", "Javier", "Lucia", "Miguel", "Elena",
         "Pedro", "Sofia", "Jorge", "Isabel", "Diego", "Paula", "Fernando", "Rosa"],
        ["Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres", "Flores",
         "Rivera", "Gomez", "Diaz", "Cruz", "Morales", "Reyes", "Ortiz", "Gutierrez", "Chavez", "Ramos", "Ruiz",
         "Alvarez", "Mendoza", "Castillo", "Jimenez", "Vargas", "Romero", "Herrera", "Medina", "Aguilar"],
    ),
    "chinese": (
        ["Wei", "Fang", "Lei", "Jing", "Min", "Yan", "Jun", "Li", "Hui", "Ying", "Xiaoming", "Jianguo", "Haiyan",
         "Xiuying", "Guoqiang", "Lihua", "Zhiwei", "Yufei", "Chen", "Hao", "Tao", "Ming", "Qiang", "Ping", "Dong",
         "Yong", "Jie", "Bo", "Lin", "Xin"],
        ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
         "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
         "Cao", "Peng"],
    ),
    "korean": (
        ["Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Su-bin", "Dong-hyun", "Ye-jin", "Jae-won",
         "Eun-ji", "Sung-min", "Hye-jin", "Young-ho", "Mi-kyung", "Sang-woo"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin",
         "Kwon"],
    ),
    "arabic": (
        ["Omar", "Khalid", "Youssef", "Tariq", "Karim", "Nabil", "Samir", "Faisal", "Rami", "Hisham", "Layla",
         "Fatima", "Noura", "Amira", "Rania", "Salma", "Huda", "Mona", "Yasmin", "Dina"],
        ["Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Hamdan", "Qasim", "Aziz", "Farouk", "Jaber", "Shami",
         "Tamimi", "Masri", "Othman", "Darwish", "Sabbagh", "Habib", "Kassem", "Zaki", "Najjar"],
    ),
    "russian": (
        ["Aleksandr", "Dmitry", "Sergey", "Andrey", "Alexey", "Maxim", "Ivan", "Nikolai", "Olga", "Tatiana",
         "Elena", "Natalia", "Irina", "Svetlana", "Anna", "Yulia", "Ekaterina", "Marina", "Pavel", "Mikhail"],
        ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov", "Novikov",
         "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov",
         "Nikolaev"],
    ),
    "indian": (
        ["Rahul", "Priya", "Amit", "Sunita", "Vijay", "Anjali", "Sanjay", "Pooja", "Rajesh", "Neha", "Arjun",
         "Kavita", "Suresh", "Deepa", "Manoj", "Lakshmi", "Ravi", "Meena", "Anil", "Divya"],
        ["Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Reddy", "Nair", "Iyer", "Rao", "Mehta", "Joshi",
         "Desai", "Chopra", "Malhotra", "Banerjee", "Mukherjee", "Das", "Pillai", "Menon"],
    ),
    "japanese": (
        ["Hiroshi", "Takashi", "Kenji", "Yuki", "Akiko", "Haruto", "Sakura", "Daiki", "Naoko", "Kaito", "Yumi",
         "Ren", "Aoi", "Sota", "Emi"],
        ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
         "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto"],
    ),
    "turkish": (
        ["Mehmet", "Mustafa", "Ahmet", "Ali", "Huseyin", "Hasan", "Ibrahim", "Ismail", "Osman", "Yusuf", "Ayse",
         "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Ozlem", "Burak", "Emre"],
        ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Yildirim", "Ozturk", "Aydin", "Ozdemir", "Arslan",
         "Dogan", "Kilic", "Aslan", "Cetin", "Kara", "Koc", "Kurt", "Ozkan", "Simsek"],
    ),
    "german": (
        ["Hans", "Peter", "Klaus", "Wolfgang", "Jürgen", "Uwe", "Stefan", "Andreas", "Sabine", "Petra", "Monika",
         "Ursula", "Katrin", "Anja", "Lukas", "Jonas", "Lena", "Lea", "Felix", "Paul"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
         "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann"],
    ),
    "french": (
        ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Julien", "Camille", "Chloe",
         "Manon", "Ines", "Marie", "Nathalie", "Isabelle", "Sylvie", "Hugo", "Louis", "Lucas", "Thomas"],
        ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Leroy", "Moreau", "Simon", "Laurent", "Michel",
         "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier"],
    ),
    "nigerian": (
        ["Chinedu", "Ngozi", "Emeka", "Adaeze", "Oluwaseun", "Funmilayo", "Tunde", "Bisi", "Ifeanyi", "Chiamaka",
         "Musa", "Aisha", "Yakubu", "Hauwa", "Segun"],
        ["Okafor", "Adeyemi", "Okonkwo", "Eze", "Nwosu", "Balogun", "Ogunleye", "Abubakar", "Bello", "Ibrahim",
         "Adebayo", "Obi", "Chukwu", "Onyeka", "Afolabi"],
    ),
    "indonesian": (
        ["Budi", "Siti", "Agus", "Dewi", "Joko", "Sri", "Hendra", "Rina", "Andi", "Wati", "Bambang", "Yanti",
         "Rudi", "Lestari", "Eko"],
        ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Pratama", "Nugroho", "Susanto",
         "Halim", "Gunawan", "Utomo", "Wibowo", "Sari", "Putra"],
    ),
}


def people_names() -> list[tuple[str, str]]:
    """(tradition, "Given Family") for every pairing, in a fixed order."""
    return sorted({
        (tradition, f"{given} {family}") for tradition, (givens, families) in PEOPLE.items() for given in givens for family in families
    })
